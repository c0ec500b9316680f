namespace ServerlessIR.Local.Drill;

/// <summary>What the webhook answered for the alerts a drill posted (relayed anomalies are counted as opened or joined).</summary>
public sealed record DrillAlertTally(int Sent, int Opened, int Joined, int Duplicates, int Rejected)
{
    public static DrillAlertTally None { get; } = new(0, 0, 0, 0, 0);

    public DrillAlertTally Add(DrillAlertTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Sent + other.Sent, Opened + other.Opened, Joined + other.Joined, Duplicates + other.Duplicates, Rejected + other.Rejected);
    }
}
