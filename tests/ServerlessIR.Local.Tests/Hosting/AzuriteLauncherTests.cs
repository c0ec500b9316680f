using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Azure.Data.Tables;
using ServerlessIR.Local.Hosting;
using ServerlessIR.StandIns.Storage;

namespace ServerlessIR.Local.Tests.Hosting;

/// <summary>
/// The launcher's own Azurite processes (the one test class that starts them): what was written survives a stop, and a
/// start that fails stops what it began and says what it saw.
/// </summary>
[Trait("Category", "Storage")]
public sealed class AzuriteLauncherTests
{
    [Fact]
    public async Task DisposeAsync_RightAfterAWrite_TheWriteSurvivesARestart()
    {
        var root = LocalPaths.Discover().Root;
        var location = Path.Combine(Path.GetTempPath(), "ir-azurite-" + Guid.NewGuid().ToString("N"));
        try
        {
            var first = await AzuriteLauncher.StartOnFreePortsAsync(root, location);
            Assert.True(first.StartedHere);
            await using (first)
            {
                var table = new TableServiceClient(first.ConnectionString).GetTableClient("Survives");
                await table.CreateIfNotExistsAsync();
                await table.AddEntityAsync(new TableEntity("p", "last-write") { ["Value"] = "kept" });
            }

            // The data folder is what carries the write over; the ports need not be the same.
            await using var second = await AzuriteLauncher.StartOnFreePortsAsync(root, location);
            Assert.True(second.StartedHere);
            var entity = await new TableServiceClient(second.ConnectionString).GetTableClient("Survives")
                .GetEntityIfExistsAsync<TableEntity>("p", "last-write");
            Assert.True(entity.HasValue, "the last write before the stop was lost");
            Assert.Equal("kept", entity.Value!.GetString("Value"));
        }
        finally
        {
            try { Directory.Delete(location, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task EnsureAsync_BlobPortTakenByAnotherProgram_FailsWithAzuritesOutputAndLeavesNoProcess()
    {
        var port = AzuriteLauncher.FreePortBlock();
        using var squatter = new TcpListener(IPAddress.Loopback, port);
        squatter.Start();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            AzuriteLauncher.EnsureAsync(LocalPaths.Discover(Path.GetTempPath()).Root, location: null, port));

        Assert.Contains($"127.0.0.1:{port}-{port + 2}", error.Message, StringComparison.Ordinal);
        Assert.Contains("exited with code", error.Message, StringComparison.Ordinal);
        Assert.Contains("EADDRINUSE", error.Message, StringComparison.Ordinal);
        Assert.Empty(AzuriteLauncher.ProcessesOn(port));
    }

    [Fact]
    public async Task EnsureAsync_NotListeningWithinTheDeadline_StopsWhatItStartedAndSaysSo()
    {
        var port = AzuriteLauncher.FreePortBlock();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            AzuriteLauncher.EnsureAsync(LocalPaths.Discover(Path.GetTempPath()).Root, location: null, port, startTimeout: TimeSpan.FromMilliseconds(1)));

        Assert.Contains("not listening on all three ports", error.Message, StringComparison.Ordinal);
        Assert.Empty(AzuriteLauncher.ProcessesOn(port));
        Assert.False(await AzuriteLauncher.ListeningAsync(port + 2), "an Azurite still answers on the table port");
    }
}
