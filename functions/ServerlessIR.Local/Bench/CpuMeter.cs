using System.Diagnostics;
using System.Globalization;

namespace ServerlessIR.Local.Bench;

/// <summary>
/// Where a bench's cores went: the CPU time of this process (host, engine, worker, stand-ins) and of Azurite (one Node
/// process, so one core at most for its JavaScript) over a window of the wall clock. A resource at its ceiling shows here:
/// Azurite near 100 % of a core is the storage emulator setting the pace, this process near 200 % is the two cores. The
/// part of this process's time spent compiling code (the JIT, <see cref="System.Runtime.JitInfo"/>) is shown too: a window
/// early in a process's life pays for compiling what it runs first, which a host that has been up a while does not.
/// </summary>
internal sealed class CpuMeter
{
    private readonly Process self = Process.GetCurrentProcess();
    private readonly Process? azurite;
    private readonly Stopwatch wall = Stopwatch.StartNew();
    private readonly TimeSpan selfStart;
    private readonly TimeSpan jitStart = System.Runtime.JitInfo.GetCompilationTime();
    private readonly TimeSpan? azuriteStart;

    private CpuMeter(int? azuritePid)
    {
        self.Refresh();
        selfStart = self.TotalProcessorTime;
        try
        {
            azurite = azuritePid is { } pid ? Process.GetProcessById(pid) : null;
            azuriteStart = azurite?.TotalProcessorTime;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            // Azurite was started by someone else (the state folder's, say) and has gone: the reading names only this process.
            azurite = null;
            azuriteStart = null;
        }
    }

    /// <summary>Starts a window; <paramref name="azuritePid"/> is Azurite's process when this run started it, else null.</summary>
    public static CpuMeter Start(int? azuritePid) => new(azuritePid);

    /// <summary>The window so far.</summary>
    public CpuReading Read()
    {
        self.Refresh();
        TimeSpan? azuriteCpu = null;
        if (azurite is not null && azuriteStart is { } start)
        {
            try
            {
                azurite.Refresh();
                azuriteCpu = azurite.TotalProcessorTime - start;
            }
            catch (InvalidOperationException)
            {
                // It exited during the window.
            }
        }
        return new CpuReading(wall.Elapsed, self.TotalProcessorTime - selfStart, azuriteCpu)
        {
            Jit = System.Runtime.JitInfo.GetCompilationTime() - jitStart,
        };
    }
}

/// <summary>CPU time over a window of the wall clock, for this process and for Azurite when known.</summary>
internal sealed record CpuReading(TimeSpan Wall, TimeSpan Self, TimeSpan? Azurite)
{
    /// <summary>Of <see cref="Self"/>, the time this process's threads spent in the JIT compiler.</summary>
    public TimeSpan Jit { get; init; }

    /// <summary>
    /// For example "Azurite 21.0 s CPU (84 % of one core), ir 30.2 s (121 % of one core; 2 cores) over 25.0 s; ir's JIT
    /// compiling 1.2 s of it".
    /// </summary>
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var seconds = Math.Max(Wall.TotalSeconds, 0.001);
        var ir = string.Create(c, $"ir {Self.TotalSeconds:F1} s ({Self.TotalSeconds / seconds * 100:F0} % of one core; {Environment.ProcessorCount} cores)");
        var node = Azurite is { } a
            ? string.Create(c, $"Azurite {a.TotalSeconds:F1} s CPU ({a.TotalSeconds / seconds * 100:F0} % of one core), ")
            : "Azurite not measured (its process was not found), ";
        return node + ir + string.Create(c, $" over {Wall.TotalSeconds:F1} s; ir's JIT compiling {Jit.TotalSeconds:F1} s of it");
    }
}
