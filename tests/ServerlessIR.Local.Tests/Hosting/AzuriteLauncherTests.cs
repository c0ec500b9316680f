using Azure.Data.Tables;
using ServerlessIR.Local.Hosting;

namespace ServerlessIR.Local.Tests.Hosting;

/// <summary>The local Azurite keeps what was written up to the moment it is stopped (drills stop it right after the last record).</summary>
public sealed class AzuriteLauncherTests
{
    [Fact]
    public async Task DisposeAsync_RightAfterAWrite_TheWriteSurvivesARestart()
    {
        var root = LocalPaths.Discover().Root;
        var location = Path.Combine(Path.GetTempPath(), "ir-azurite-" + Guid.NewGuid().ToString("N"));
        var port = AzuriteLauncher.FreePort();
        // Three consecutive free ports are likely but not certain; a clash fails loudly in EnsureAsync.
        try
        {
            var first = await AzuriteLauncher.EnsureAsync(root, location, port);
            Assert.True(first.StartedHere);
            await using (first)
            {
                var table = new TableServiceClient(first.ConnectionString).GetTableClient("Survives");
                await table.CreateIfNotExistsAsync();
                await table.AddEntityAsync(new TableEntity("p", "last-write") { ["Value"] = "kept" });
            }

            await using var second = await AzuriteLauncher.EnsureAsync(root, location, port);
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
}
