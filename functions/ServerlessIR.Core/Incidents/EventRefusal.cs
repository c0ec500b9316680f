namespace ServerlessIR.Core.Incidents;

/// <summary>Why an incident event that needs two people does not take effect, with a sentence for the evidence.</summary>
public sealed record EventRefusal(EventRefusalReason Reason, string Detail);
