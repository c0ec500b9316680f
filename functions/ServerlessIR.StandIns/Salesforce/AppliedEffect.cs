namespace ServerlessIR.StandIns.Salesforce;

/// <summary>A state change the stand-in applied (e.g. <c>revoke</c> of token 0CR...): tests count these to prove exactly-once.</summary>
public sealed record AppliedEffect(string Kind, string Target, DateTimeOffset At);
