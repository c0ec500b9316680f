namespace ServerlessIR.Local.Fuzz;

/// <summary>One HTTP POST of <c>ir fuzz</c> to <c>/api/events</c>: its body, content type and the events it holds.</summary>
/// <param name="Number">Its place in the run (1-based), to find it again with the same seed.</param>
/// <param name="Kind">What kind of delivery it is (single, batch, wrong-content-type, not-json, oversized, ...).</param>
/// <param name="ContentType">The Content-Type header; null sends none.</param>
public sealed record FuzzDelivery(int Number, string Kind, byte[] Body, string? ContentType, IReadOnlyList<FuzzEvent> Events)
{
    /// <summary>The first 200 characters of the body as text (invalid UTF-8 shown as U+FFFD).</summary>
    public string Preview => FuzzText.Preview(Body);

    /// <summary>The events that are alerts (not handshakes or lifecycle events).</summary>
    public int Alerts => Events.Count(e => e.Role == FuzzEventRole.Alert);
}
