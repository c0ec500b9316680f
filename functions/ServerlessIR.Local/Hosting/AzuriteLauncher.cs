using System.Diagnostics;
using System.Net.Sockets;

namespace ServerlessIR.Local.Hosting;

/// <summary>
/// Starts Azurite (the local Azure Storage) from the repository's node_modules when nothing listens on its ports yet,
/// running <c>npm ci</c> first when it is missing. Stops only what it started.
/// </summary>
public sealed class AzuriteLauncher : IAsyncDisposable
{
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

    /// <summary>The connection string for this Azurite (the well-known development account).</summary>
    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    /// <summary>Uses an Azurite already listening on <paramref name="blobPort"/>..+2, or starts one with data under <paramref name="location"/>.</summary>
    public static async Task<AzuriteLauncher> EnsureAsync(string repoRoot, string location, int blobPort = 10000, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        if (await ListeningAsync(blobPort + 2) && await ListeningAsync(blobPort))
        {
            return new AzuriteLauncher(blobPort, null);
        }
        var script = Path.Combine(repoRoot, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            log?.Invoke("Installing Azurite (npm ci)...");
            await RunAsync("npm", "ci --no-audit --no-fund --loglevel=error", repoRoot, cancellationToken);
        }
        Directory.CreateDirectory(location);
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = repoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            script, "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--location", location,
            "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--blobPort", blobPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queuePort", (blobPort + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tablePort", (blobPort + 2).ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (!string.IsNullOrWhiteSpace(e.Data)) log?.Invoke("azurite: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await ListeningAsync(blobPort) && await ListeningAsync(blobPort + 1) && await ListeningAsync(blobPort + 2)))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"Azurite did not start on ports {blobPort}-{blobPort + 2} (is node 20+ installed?).");
            }
            await Task.Delay(100, cancellationToken);
        }
        log?.Invoke($"Azurite started on 127.0.0.1:{blobPort}-{blobPort + 2}, data in {location}");
        return new AzuriteLauncher(blobPort, process);
    }

    /// <summary>A free loopback TCP port.</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
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
        if (process is { HasExited: false })
        {
            if (!OperatingSystem.IsWindows())
            {
                using var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])
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
        process?.Dispose();
    }
}
