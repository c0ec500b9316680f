namespace ServerlessIR.Adapters.Evidence;

/// <summary>
/// The Key Vault key that signs evidence anchors (configuration section <c>Evidence:Signing</c>). Unset: anchors are
/// written unsigned, as before (a local run without stand-ins, a test).
/// </summary>
public sealed class AnchorSigningOptions
{
    public const string SectionName = "Evidence:Signing";

    /// <summary>The vault's URI, e.g. <c>https://kv-abc.vault.azure.net/</c> (plain http only on loopback, for the stand-in).</summary>
    public Uri? KeyVaultUri { get; set; }

    /// <summary>The key's name; its latest version signs, any version of it verifies.</summary>
    public string? KeyName { get; set; }

    /// <summary>JSON Web Algorithm the key signs with: <c>ES256</c> (EC P-256, what infra creates) or <c>RS256</c>.</summary>
    public string Algorithm { get; set; } = "ES256";

    /// <summary>The app's user-assigned identity, for its Key Vault token; DefaultAzureCredential's own choice when unset.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Whether anchors are signed: a vault and a key are named. A method, not a property, so the configuration
    /// binder does not take it for a setting.</summary>
    public bool IsEnabled() => KeyVaultUri is not null && !string.IsNullOrWhiteSpace(KeyName);
}
