namespace ServerlessIR.Adapters.Configuration;

/// <summary>One configuration key the app (or the Functions host on its behalf) reads.</summary>
/// <param name="Name">
/// The key as an app setting spells it (<c>__</c> between sections, e.g. <c>Evidence__PseudonymKey</c>). A name ending
/// in <c>__*</c> stands for a whole section whose keys are open-ended (secrets by name, retention by regime).
/// </param>
/// <param name="ReadBy">What reads it, so a reader can find the code (or the Functions host).</param>
/// <param name="Default">
/// What applies when the setting is absent, or null when a deployment must set it (infra/app/function-app.bicep does).
/// </param>
/// <param name="Scope">Where the setting matters.</param>
public sealed record AppSetting(string Name, string ReadBy, string? Default, AppSettingScope Scope = AppSettingScope.Everywhere)
{
    /// <summary>The key as <see cref="Microsoft.Extensions.Configuration.IConfiguration"/> sees it (<c>:</c> between sections).</summary>
    public string ConfigurationKey => Name.Replace("__", ":", StringComparison.Ordinal);

    /// <summary>Whether <paramref name="configurationKey"/> (<c>:</c>-separated, any case) is this setting or inside its section.</summary>
    public bool Covers(string configurationKey)
    {
        ArgumentNullException.ThrowIfNull(configurationKey);
        return ConfigurationKey.EndsWith(":*", StringComparison.Ordinal)
            ? configurationKey.StartsWith(ConfigurationKey[..^1], StringComparison.OrdinalIgnoreCase)
              || string.Equals(configurationKey, ConfigurationKey[..^2], StringComparison.OrdinalIgnoreCase)
            : string.Equals(configurationKey, ConfigurationKey, StringComparison.OrdinalIgnoreCase);
    }
}
