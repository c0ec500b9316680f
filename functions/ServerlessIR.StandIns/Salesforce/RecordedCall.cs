namespace ServerlessIR.StandIns.Salesforce;

/// <summary>One call the stand-in received and how it answered.</summary>
public sealed record RecordedCall(string Method, string Path, int Status, DateTimeOffset At);
