using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using ServerlessIR.Adapters.Configuration;

namespace ServerlessIR.Infra.Tests.Settings;

/// <summary>
/// The provider behind <see cref="RecordingConfigurationSource"/>. Reads made by <see cref="KeyVaultReferences"/> are
/// not recorded: that check looks at every listed key by design, and counting its reads would make every listed
/// setting look used.
/// </summary>
internal sealed class RecordingConfigurationProvider : ConfigurationProvider
{
    private readonly ConcurrentDictionary<string, byte> keysRead = new(StringComparer.OrdinalIgnoreCase);

    public RecordingConfigurationProvider(IReadOnlyDictionary<string, string?> settings)
    {
        foreach (var (key, value) in settings)
        {
            // App settings spell sections with "__"; configuration's environment variable source turns them into ":".
            Data[key.Replace("__", ":", StringComparison.Ordinal)] = value;
        }
    }

    public IReadOnlyCollection<string> KeysRead => [.. keysRead.Keys];

    public override bool TryGet(string key, out string? value)
    {
        if (!ByTheReferenceCheck())
        {
            keysRead.TryAdd(key, 0);
        }
        return base.TryGet(key, out value);
    }

    private static bool ByTheReferenceCheck() =>
        new StackTrace().GetFrames().Any(f => IsOrIsNestedIn(f.GetMethod()?.DeclaringType, typeof(KeyVaultReferences)));

    private static bool IsOrIsNestedIn(Type? type, Type outer)
    {
        for (; type is not null; type = type.DeclaringType)
        {
            if (type == outer)
            {
                return true;
            }
        }
        return false;
    }
}
