namespace ServerlessIR.StandIns.Graph;

/// <summary>
/// One request the Graph / Teams stand-in accepted: <see cref="Kind"/> is <c>mail</c>, <c>activity</c> or
/// <c>teams-webhook</c>. Drill reports and tests read these to show what would have reached people.
/// </summary>
public sealed record RecordedMessage
{
    public required string Kind { get; init; }
    public string? From { get; init; }
    public IReadOnlyList<string> To { get; init; } = [];
    public string? Subject { get; init; }
    public string? Body { get; init; }
    public string? CardJson { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The request body exactly as received, for wire-format checks.</summary>
    public required string RawBody { get; init; }
}
