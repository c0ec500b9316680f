using Microsoft.Extensions.Configuration;

namespace ServerlessIR.Infra.Tests.Settings;

/// <summary>
/// In-memory settings that also record every key anyone asks for. Added last, it is asked first (configuration looks
/// at its sources from the last one added), so it sees every key the app reads, present or not.
/// </summary>
internal sealed class RecordingConfigurationSource(IReadOnlyDictionary<string, string?> settings) : IConfigurationSource
{
    private readonly RecordingConfigurationProvider provider = new(settings);

    /// <summary>Every key read so far, as configuration spells it (<c>:</c> between sections).</summary>
    public IReadOnlyCollection<string> KeysRead => provider.KeysRead;

    public IConfigurationProvider Build(IConfigurationBuilder builder) => provider;
}
