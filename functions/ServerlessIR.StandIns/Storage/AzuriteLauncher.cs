using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ServerlessIR.StandIns.Storage;

/// <summary>
/// Starts Azurite (the local Azure Storage) from the repository's node_modules when nothing listens on its ports yet,
/// running <c>npm ci</c> first when it is missing. Stops only what it started, and never leaves a process behind when a
/// start fails.
/// </summary>
public sealed class AzuriteLauncher : IAsyncDisposable
{
    /// <summary>
    /// How long a start may take before it counts as failed. Azurite listens in about 2.5 s on an idle machine and took
    /// over 30 s on two cores shared with test hosts and builds; <c>IR_AZURITE_START_TIMEOUT_SECONDS</c> changes it.
    /// </summary>
    public static TimeSpan DefaultStartTimeout { get; } =
        TimeSpan.FromSeconds(double.TryParse(Environment.GetEnvironmentVariable("IR_AZURITE_START_TIMEOUT_SECONDS"), NumberStyles.Float,
            CultureInfo.InvariantCulture, out var seconds) && seconds > 0 ? seconds : 180);

    private const int KeptOutputLines = 20;
    private readonly Process? process;

    private AzuriteLauncher(int blobPort, Process? process)
    {
        BlobPort = blobPort;
        this.process = process;
    }

    public int BlobPort { get; }
    public int QueuePort => BlobPort + 1;
    public int TablePort => BlobPort + 2;
    public bool StartedHere => process is not null;

    /// <summary>The process ID of the Azurite this launcher started; null when it reuses one.</summary>
    public int? ProcessId => process?.Id;

    /// <summary>The Azurite process serving these ports: the one started here, else one found on this machine by its blob port (Linux only).</summary>
    public int? FindProcessId() => ProcessId ?? (ProcessesOn(BlobPort) is [var pid, ..] ? pid : null);

    /// <summary>
    /// The repository, whose node_modules holds Azurite: <c>IR_ROOT</c> (set by the <c>./ir</c> launcher), else the nearest
    /// folder above the binaries holding <c>ServerlessIR.sln</c>, else the current directory.
    /// </summary>
    public static string FindRepositoryRoot()
    {
        var root = Environment.GetEnvironmentVariable("IR_ROOT");
        if (!string.IsNullOrEmpty(root))
        {
            return root;
        }
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ServerlessIR.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }

    /// <summary>The connection string for this Azurite (the well-known development account).</summary>
    public string ConnectionString => ConnectionStringFor(BlobPort);

    /// <summary>The connection string for an Azurite whose blob, queue and table ports are <paramref name="blobPort"/>..+2.</summary>
    public static string ConnectionStringFor(int blobPort) =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        // Azurite's published development account key: not a secret.
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{blobPort + 1}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{blobPort + 2}/devstoreaccount1;";

    /// <summary>
    /// Uses an Azurite already listening on <paramref name="blobPort"/>..+2, or starts one with data under
    /// <paramref name="location"/> (null: in memory). Readiness is all three ports accepting connections within
    /// <paramref name="startTimeout"/> (default <see cref="DefaultStartTimeout"/>); a failed start stops the process it
    /// began and says what it saw (exit code, last output lines).
    /// </summary>
    public static async Task<AzuriteLauncher> EnsureAsync(string repoRoot, string? location, int blobPort = 10000, Action<string>? log = null,
        TimeSpan? startTimeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(repoRoot);
        if (await AllListeningAsync(blobPort))
        {
            return new AzuriteLauncher(blobPort, null);
        }
        var script = Path.Combine(repoRoot, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            log?.Invoke("Installing Azurite (npm ci)...");
            await RunAsync("npm", "ci --no-audit --no-fund --loglevel=error", repoRoot, cancellationToken);
        }
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = repoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        foreach (var arg in new[] { "--silent", "--disableTelemetry", "--skipApiVersionCheck" })
        {
            start.ArgumentList.Add(arg);
        }
        if (location is null)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            Directory.CreateDirectory(location);
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(location);
        }
        foreach (var (service, port) in new[] { ("blob", blobPort), ("queue", blobPort + 1), ("table", blobPort + 2) })
        {
            start.ArgumentList.Add($"--{service}Host");
            start.ArgumentList.Add("127.0.0.1");
            start.ArgumentList.Add($"--{service}Port");
            start.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        }

        var output = new Queue<string>();
        void Keep(string? line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                return;
            }
            lock (output)
            {
                output.Enqueue(line);
                while (output.Count > KeptOutputLines)
                {
                    output.Dequeue();
                }
            }
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite (is node 20+ installed?).");
        var launcher = new AzuriteLauncher(blobPort, process);
        try
        {
            process.OutputDataReceived += (_, e) => Keep(e.Data);
            process.ErrorDataReceived += (_, e) =>
            {
                Keep(e.Data);
                if (!string.IsNullOrWhiteSpace(e.Data))
                {
                    log?.Invoke("azurite: " + e.Data);
                }
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var timeout = startTimeout ?? DefaultStartTimeout;
            var waited = Stopwatch.StartNew();
            while (!await AllListeningAsync(blobPort))
            {
                if (process.HasExited || waited.Elapsed > timeout)
                {
                    var seen = process.HasExited
                        ? $"node exited with code {process.ExitCode}"
                        : $"node (pid {process.Id}) was still running but not listening on all three ports after {waited.Elapsed.TotalSeconds:0.#} s";
                    string lastLines;
                    lock (output)
                    {
                        lastLines = output.Count == 0 ? "(no output)" : string.Join(Environment.NewLine, output);
                    }
                    throw new InvalidOperationException(
                        $"Azurite did not start on 127.0.0.1:{blobPort}-{blobPort + 2}: {seen}. Last output:{Environment.NewLine}{lastLines}");
                }
                await Task.Delay(100, cancellationToken);
            }
            log?.Invoke($"Azurite started on 127.0.0.1:{blobPort}-{blobPort + 2} in {waited.Elapsed.TotalSeconds:0.0} s, data {(location is null ? "in memory" : "in " + location)}");
            return launcher;
        }
        catch
        {
            await launcher.DisposeAsync();
            throw;
        }
    }

    /// <summary>Process IDs of node processes running Azurite with <paramref name="blobPort"/> (read from /proc).</summary>
    public static IReadOnlyList<int> ProcessesOn(int blobPort)
    {
        var found = new List<int>();
        if (!Directory.Exists("/proc"))
        {
            return found;
        }
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }
            string[] args;
            try
            {
                args = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
            }
            catch (IOException)
            {
                continue; // exited while we looked
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }
            var at = Array.IndexOf(args, "--blobPort");
            if (args.Any(a => a.EndsWith("azurite.js", StringComparison.Ordinal)) && at >= 0 && at + 1 < args.Length &&
                args[at + 1] == blobPort.ToString(CultureInfo.InvariantCulture))
            {
                found.Add(pid);
            }
        }
        return found;
    }

    /// <summary>
    /// Starts an Azurite (data under <paramref name="location"/>; null: in memory) on a block of three free ports
    /// (<see cref="FreePortBlock"/>). The block is free when chosen, but the OS hands out ports of the same range to other
    /// programs' outgoing connections, and one can take a port of the block before Azurite listens on it (seen once in a
    /// full test run: EADDRINUSE on the queue port); such a clash is tried again on another block, twice at most.
    /// </summary>
    public static async Task<AzuriteLauncher> StartOnFreePortsAsync(string repoRoot, string? location, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await EnsureAsync(repoRoot, location, FreePortBlock(), cancellationToken: cancellationToken);
            }
            catch (InvalidOperationException ex) when (attempt < 3 && ex.Message.Contains("EADDRINUSE", StringComparison.Ordinal))
            {
            }
        }
    }

    /// <summary>A free loopback TCP port.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Three consecutive free loopback ports (Azurite's blob, queue, table layout); returns the first.</summary>
    public static int FreePortBlock()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var port = FreePort();
            if (port < 65000 && IsFree(port) && IsFree(port + 1) && IsFree(port + 2))
            {
                return port;
            }
        }
        throw new InvalidOperationException("No three consecutive free loopback ports found.");
    }

    public static async Task<bool> ListeningAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
            await client.ConnectAsync("127.0.0.1", port, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task<bool> AllListeningAsync(int blobPort) =>
        await ListeningAsync(blobPort + 2) && await ListeningAsync(blobPort) && await ListeningAsync(blobPort + 1);

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task RunAsync(string file, string args, string workingDirectory, CancellationToken cancellationToken)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { WorkingDirectory = workingDirectory, UseShellExecute = false })
            ?? throw new InvalidOperationException($"Could not run {file}.");
        await p.WaitForExitAsync(cancellationToken);
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{file} {args}' failed with exit code {p.ExitCode}.");
        }
    }

    /// <summary>
    /// Stops the Azurite this launcher started: SIGTERM first, so Azurite saves its database (a kill loses the writes of
    /// its last few seconds, such as the final evidence records and anchors of a drill), then a kill if it does not exit.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (process is null)
        {
            return;
        }
        try
        {
            if (!process.HasExited && !OperatingSystem.IsWindows())
            {
                using var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)])
                {
                    UseShellExecute = false,
                });
                if (term is not null)
                {
                    await term.WaitForExitAsync();
                }
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                try
                {
                    await process.WaitForExitAsync(grace.Token);
                }
                catch (OperationCanceledException)
                {
                    // Did not stop in time: fall through to the kill below.
                }
            }
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        finally
        {
            process.Dispose();
        }
    }
}
