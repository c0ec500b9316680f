using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ServerlessIR.Adapters.Configuration;

/// <summary>
/// App Service Key Vault references (<c>@Microsoft.KeyVault(SecretUri=...)</c> or <c>(VaultName=...;SecretName=...)</c>).
/// The platform replaces each with the secret's value before the app starts; when it cannot (the secret is missing, or
/// the app's identity may not read it) the app receives the reference text itself. Every check downstream would then
/// fail with its own puzzling message ("must be base64 of at least 32 bytes"), so start-up names the secret instead.
/// </summary>
public static partial class KeyVaultReferences
{
    public const string Prefix = "@Microsoft.KeyVault(";

    /// <summary>Whether <paramref name="value"/> is a reference the platform did not resolve.</summary>
    public static bool IsUnresolved(string? value) =>
        value is not null && value.TrimStart().StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>The secret a reference names (<c>pseudonym-key</c> from <c>.../secrets/pseudonym-key/</c>), or the reference itself.</summary>
    public static string SecretName(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var match = SecretUriName().Match(reference);
        if (match.Success)
        {
            return match.Groups["name"].Value;
        }
        match = SecretNameField().Match(reference);
        return match.Success ? match.Groups["name"].Value : reference;
    }

    /// <summary>
    /// Every setting of <see cref="AppSettingKeys"/> whose value is still a reference, as (app setting name, secret name).
    /// Only the settings the app reads are looked at: a reference nothing reads cannot break the app.
    /// </summary>
    public static IReadOnlyList<(string Setting, string Secret)> Unresolved(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var found = new List<(string Setting, string Secret)>();
        foreach (var setting in AppSettingKeys.All)
        {
            var key = setting.ConfigurationKey;
            var values = key.EndsWith(":*", StringComparison.Ordinal)
                ? configuration.GetSection(key[..^2]).AsEnumerable().Where(p => p.Value is not null)
                : [new KeyValuePair<string, string?>(key, configuration[key])];
            found.AddRange(values.Where(p => IsUnresolved(p.Value))
                .Select(p => (p.Key.Replace(":", "__", StringComparison.Ordinal), SecretName(p.Value!))));
        }
        return found.Distinct().OrderBy(p => p.Setting, StringComparer.Ordinal).ToList();
    }

    /// <summary>The one start-up failure message for <paramref name="unresolved"/>, or null when there is none.</summary>
    public static string? FailureMessage(IReadOnlyList<(string Setting, string Secret)> unresolved)
    {
        ArgumentNullException.ThrowIfNull(unresolved);
        if (unresolved.Count == 0)
        {
            return null;
        }
        var list = string.Join("; ", unresolved.Select(u => $"app setting {u.Setting} needs Key Vault secret '{u.Secret}'"));
        return $"Unresolved Key Vault reference: {list}. The secret is missing from the vault or the app's identity cannot read it "
            + "(infra/hooks/postprovision.sh creates the generated keys; docs/deploy.md lists the others). Create it, then restart the app.";
    }

    /// <summary>Fails start-up (<c>ValidateOnStart</c>) with <see cref="FailureMessage"/> while any reference is unresolved.</summary>
    public static IServiceCollection AddKeyVaultReferenceCheck(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ResolvedSettings>()
            .Configure(o => o.Unresolved = Unresolved(configuration))
            .ValidateOnStart();
        // TryAddEnumerable: a host that registers twice must still report the failure once.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ResolvedSettings>, ResolvedSettingsValidator>());
        return services;
    }

    [GeneratedRegex(@"SecretUri\s*=\s*https://[^/]+/secrets/(?<name>[A-Za-z0-9-]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretUriName();

    [GeneratedRegex(@"SecretName\s*=\s*(?<name>[A-Za-z0-9-]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretNameField();
}
