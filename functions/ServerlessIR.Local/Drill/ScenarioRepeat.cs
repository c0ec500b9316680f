namespace ServerlessIR.Local.Drill;

/// <summary>
/// An alert sent <see cref="Count"/> times, spread evenly over <see cref="OverSeconds"/> in webhook batches of
/// <see cref="BatchSize"/> (as Event Grid batches a storm): in the event's strings <c>{n}</c> becomes the alert's number
/// (1 to Count) and <c>{key}</c> the key it belongs to, taking <see cref="Keys"/> in turn.
/// </summary>
public sealed record ScenarioRepeat(int Count, IReadOnlyList<string> Keys, double OverSeconds = 10, int BatchSize = 50);
