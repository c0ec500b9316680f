namespace ServerlessIR.Core.Ingestion.Polling;

/// <summary>
/// How far the poller has read one event store of one org: the newest <c>CreatedDate</c> published, and the record IDs
/// published at exactly that instant (the next query asks for <c>CreatedDate &gt;= mark</c> and skips those, so records that
/// share a millisecond are neither lost nor published twice).
/// </summary>
public sealed record HighWaterMark(DateTimeOffset CreatedDate, IReadOnlyList<string> IdsAtMark);
