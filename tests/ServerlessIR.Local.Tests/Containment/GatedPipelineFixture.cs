using ServerlessIR.Local.Hosting;
using ServerlessIR.Local.Tests.Hosting;

namespace ServerlessIR.Local.Tests.Containment;

/// <summary>
/// A local pipeline for the step gate's tests: the default playbook with one automated run per AI system and action a day,
/// only <c>/tests/trusted/</c> trusted beyond the playbook's alert sources, and nobody answering approvals (each tier's wait
/// is the 1-second floor, so a silent ladder ends quickly).
/// </summary>
public sealed class GatedPipelineFixture : IAsyncLifetime
{
    public const string TrustedSource = "/tests/trusted/";

    private readonly string state = Path.Combine(Path.GetTempPath(), "ir-gate-" + Guid.NewGuid().ToString("N"));

    public LocalPipeline Pipeline { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var storage = await TestAzurite.GetAsync();
        Pipeline = await LocalPipeline.StartAsync(new LocalPipelineOptions
        {
            ApiPort = 0,
            AzuriteBlobPort = storage.BlobPort,
            StateFolder = state,
            StoragePrefix = TestStorageAccount.NewPrefix("gate"),
            TaskHub = TestStorageAccount.NewTaskHub("gate"),
            PlaybookPath = await TestPlaybooks.WriteDefaultAsync(state, perDay: 1),
            DrillTrustedSources = [TrustedSource],
            TimeScale = 7_200,
            HorizonHours = 1,
            HumanWaitFloorSeconds = 1,
        });
    }

    public async Task DisposeAsync()
    {
        await Pipeline.DisposeAsync();
        try { Directory.Delete(state, recursive: true); } catch (IOException) { }
    }
}
