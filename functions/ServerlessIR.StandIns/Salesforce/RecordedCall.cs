namespace ServerlessIR.StandIns.Salesforce;

/// <summary>
/// One call the stand-in received and how it answered. <paramref name="Org"/> is the org whose instance URL (its own port
/// on the stand-in, as each org has its own My Domain) the call went to; null for the stand-in's shared URL.
/// </summary>
public sealed record RecordedCall(string Method, string Path, int Status, DateTimeOffset At, string? Org = null);
