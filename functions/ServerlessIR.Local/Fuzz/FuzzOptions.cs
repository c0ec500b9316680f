using ServerlessIR.Local.Hosting;

namespace ServerlessIR.Local.Fuzz;

/// <summary>What <c>ir fuzz</c> sends, and where.</summary>
/// <param name="Events">Events to send in all (each event of a batch counts, redelivered ones again).</param>
/// <param name="Seed">The seed of <see cref="System.Random"/>: the same seed sends the same deliveries.</param>
/// <param name="BaseUrl">A running <c>ir serve</c>; null starts a local host for the run and stops it after.</param>
/// <param name="Key">The webhook key for <paramref name="BaseUrl"/>; the local host's own when the run starts one.</param>
/// <param name="Concurrency">Deliveries in flight at once.</param>
public sealed record FuzzOptions(int Events, int Seed, Uri? BaseUrl = null, string? Key = null, int Concurrency = 4)
{
    /// <summary>Incident seconds per real second for the local host the run starts: clocks play out while the run waits.</summary>
    public const double TimeScale = 3_600;

    /// <summary>Incident hours the run's incidents watch their clocks before they end, so every incident ends soon after the run.</summary>
    public const double HorizonHours = 24;

    /// <summary>Which code the started local host dispatches to.</summary>
    public PipelineHost Host { get; init; } = PipelineHost.Local;

    /// <summary>The local host to start when <see cref="BaseUrl"/> is null; null: a fresh task hub and storage prefix on <c>IR_AZURITE_PORT</c>.</summary>
    public LocalPipelineOptions? Pipeline { get; init; }

    /// <summary>How long to wait, after the last delivery, for the run's incidents to end (they end at the horizon).</summary>
    public TimeSpan SettleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>A progress line after every this many events.</summary>
    public int ProgressEvery { get; init; } = 1_000;
}
