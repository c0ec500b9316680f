using System.Security.Cryptography;
using System.Text.Json;
using ServerlessIR.Core.Secrets;

namespace ServerlessIR.Local.Hosting;

/// <summary>
/// The local host's secrets, generated once into the git-ignored state folder (<c>.ir/secrets.json</c>, mode 600).
/// <c>SERVERLESSIR_WEBHOOK_KEY</c> overrides the webhook key.
/// </summary>
public static class LocalSecrets
{
    public const string SalesforceClientId = "salesforce-northwind-prod-client-id";
    public const string SalesforceClientSecret = "salesforce-northwind-prod-client-secret";
    public const string AiFeatureSwitchKey = "ai-feature-switch-key";
    public const string RotationHookKey = "salesforce-rotation-hook-key";

    /// <summary>The evidence-anchor signing key the Key Vault keys stand-in holds (PKCS#8, base64).</summary>
    public const string AnchorSigningKey = "evidence-anchor-signing-key";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static IReadOnlyDictionary<string, string> LoadOrCreate(string stateFolder)
    {
        var path = Path.Combine(stateFolder, "secrets.json");
        var secrets = File.Exists(path)
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path)) ?? []
            : [];
        var changed = false;
        void Ensure(string name, Func<string> make)
        {
            if (!secrets.ContainsKey(name))
            {
                secrets[name] = make();
                changed = true;
            }
        }
        Ensure(SecretNames.WebhookKey, () => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)));
        Ensure(SecretNames.PseudonymKey, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        Ensure(SecretNames.ApprovalSigningKey, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        Ensure(SalesforceClientId, () => "3MVG9standin" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)));
        Ensure(SalesforceClientSecret, () => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        Ensure(AiFeatureSwitchKey, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        Ensure(RotationHookKey, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        Ensure(AnchorSigningKey, () => Convert.ToBase64String(ServerlessIR.StandIns.KeyVault.KeyVaultKeysStandInState.NewPrivateKey()));
        if (changed)
        {
            File.WriteAllText(path, JsonSerializer.Serialize(secrets, Indented));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        if (Environment.GetEnvironmentVariable("SERVERLESSIR_WEBHOOK_KEY") is { Length: > 0 } key)
        {
            secrets[SecretNames.WebhookKey] = key;
        }
        return secrets;
    }
}
