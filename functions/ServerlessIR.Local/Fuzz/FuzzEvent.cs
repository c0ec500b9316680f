namespace ServerlessIR.Local.Fuzz;

/// <summary>One event inside a fuzz delivery, as the run accounts for it.</summary>
/// <param name="Id">The ID the generator gave it (<c>fuzz-S-NNNNNN</c>), null when the event carries none.</param>
/// <param name="IdIntact">Whether the body still carries that ID as a plain string, so a rejected-event row can be matched by it.</param>
/// <param name="Origin">The corpus payload it was made from.</param>
/// <param name="Mutations">What was done to it, in words (empty for an untouched payload).</param>
/// <param name="Preview">The start of its JSON, for printing an offender.</param>
public sealed record FuzzEvent(string? Id, bool IdIntact, FuzzEventRole Role, string Origin, string Mutations, string Preview)
{
    /// <summary>
    /// What the host deduplicates this event's rejection by when its ID is not intact: its source and the ID it now carries
    /// when that is a non-empty string, else the event as sent. Two events the mutation gave the same source and ID (or the
    /// same bytes) are one event to the host, so one rejected record accounts for both. Null means "the generator's ID".
    /// </summary>
    public string? Identity { get; init; }
}
