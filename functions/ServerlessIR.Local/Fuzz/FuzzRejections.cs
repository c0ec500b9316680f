namespace ServerlessIR.Local.Fuzz;

/// <summary>The rejected-event records made during a run: the event ID of each (null when the event had none).</summary>
/// <param name="Complete">False when the host could show only its newest records, so older ones of the run may be missing.</param>
internal sealed record FuzzRejections(IReadOnlyList<string?> Ids, bool Complete);
