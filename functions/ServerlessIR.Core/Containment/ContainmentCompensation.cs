namespace ServerlessIR.Core.Containment;

/// <summary>Input of a compensating activity: the step it undoes and the prior state that step recorded.</summary>
public sealed record ContainmentCompensation(ContainmentRequest Original, System.Text.Json.Nodes.JsonObject? Undo);
