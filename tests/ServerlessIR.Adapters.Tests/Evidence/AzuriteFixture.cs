using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace ServerlessIR.Adapters.Tests.Evidence;

/// <summary>
/// Runs a real Azurite (from the repository's node_modules) on free loopback ports, in memory, for
/// the tests of one collection, and stops it afterwards.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    // Azurite's well-known development account; not a secret.
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private Process? azurite;

    public string ConnectionString { get; private set; } = string.Empty;

    public TableServiceClient Tables => new(ConnectionString);

    // Azure.Storage.Blobs 12.30.1 defaults to service version 2026-10-06; Azurite 3.37.0 accepts up to
    // 2026-06-06 and answers 400 InvalidHeaderValue to anything newer, so pin the newest it knows.
    public BlobServiceClient Blobs => new(ConnectionString, new BlobClientOptions(BlobClientOptions.ServiceVersion.V2026_06_06));

    public async Task InitializeAsync()
    {
        var root = RepositoryRoot();
        var script = Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            await RunAsync("npm", "ci --no-audit --no-fund", root, TimeSpan.FromMinutes(5));
        }

        var port = FreePortBlock();
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            script, "--silent", "--disableTelemetry", "--inMemoryPersistence",
            "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--blobPort", $"{port}", "--queuePort", $"{port + 1}", "--tablePort", $"{port + 2}",
        })
        {
            start.ArgumentList.Add(arg);
        }

        azurite = Process.Start(start) ?? throw new InvalidOperationException("Could not start Azurite.");
        azurite.OutputDataReceived += (_, _) => { };
        azurite.ErrorDataReceived += (_, _) => { };
        azurite.BeginOutputReadLine();
        azurite.BeginErrorReadLine();

        await WaitForPortAsync(port + 2, TimeSpan.FromSeconds(30));
        await WaitForPortAsync(port, TimeSpan.FromSeconds(10));
        ConnectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
            + $"AccountKey={AccountKey};"
            + $"BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;"
            + $"QueueEndpoint=http://127.0.0.1:{port + 1}/devstoreaccount1;"
            + $"TableEndpoint=http://127.0.0.1:{port + 2}/devstoreaccount1;";
    }

    public Task DisposeAsync()
    {
        if (azurite is { HasExited: false })
        {
            azurite.Kill(entireProcessTree: true);
            azurite.WaitForExit(5000);
        }

        azurite?.Dispose();
        return Task.CompletedTask;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "package.json")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No package.json above {AppContext.BaseDirectory}: cannot find Azurite.");
    }

    // Three consecutive free ports, so the blob/queue/table layout matches Azurite's usual one.
    private static int FreePortBlock()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            if (port < 65000 && IsFree(port) && IsFree(port + 1) && IsFree(port + 2))
            {
                return port;
            }
        }

        throw new InvalidOperationException("No three consecutive free ports found.");
    }

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

    private async Task WaitForPortAsync(int port, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (azurite is { HasExited: true })
            {
                throw new InvalidOperationException($"Azurite exited with code {azurite.ExitCode} before listening.");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"Azurite did not listen on port {port} within {timeout.TotalSeconds} s.");
    }

    private static async Task RunAsync(string file, string arguments, string directory, TimeSpan timeout)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { WorkingDirectory = directory, UseShellExecute = false })
            ?? throw new InvalidOperationException($"Could not start {file}.");
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed with exit code {process.ExitCode}.");
        }
    }
}
