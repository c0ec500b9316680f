using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ServerlessIR.Core.Evidence;

namespace ServerlessIR.Adapters.Evidence;

/// <summary>Registers the evidence ledger, anchors, retention and personal-data protection.</summary>
public static class EvidenceServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="EvidenceStorageOptions"/> from <c>Evidence</c> and <see cref="RetentionOptions"/>
    /// from <c>Evidence:Retention</c>, and registers <see cref="IEvidenceLedger"/>, both anchor stores
    /// (table first, then the immutable blob), <see cref="Pseudonymizer"/> and
    /// <see cref="EvidenceSanitizer"/>. Expects a <see cref="TableServiceClient"/> and a
    /// <see cref="BlobServiceClient"/> to be registered by the host. <c>Evidence:PseudonymKey</c>
    /// (base64, at least 32 bytes) is required and checked at start-up.
    /// </summary>
    public static IServiceCollection AddEvidence(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<EvidenceStorageOptions>()
            .Bind(configuration.GetSection(EvidenceStorageOptions.SectionName))
            .ValidateDataAnnotations()
            // An unresolved Key Vault reference is reported once, by name, by the Key Vault reference check.
            .Validate(o => Configuration.KeyVaultReferences.IsUnresolved(o.PseudonymKey) || PseudonymKeyBytes(o.PseudonymKey) is not null,
                "Evidence:PseudonymKey must be base64 of at least 32 bytes.")
            .ValidateOnStart();
        services.AddOptions<RetentionOptions>()
            .Bind(configuration.GetSection($"{EvidenceStorageOptions.SectionName}:Retention"))
            .Validate(o => o.DefaultMonths > 0 && o.MonthsByRegime.Values.All(m => m > 0), "Retention periods must be positive.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<EvidenceStorageOptions>>().Value);
        services.AddSingleton(sp => new RetentionPolicy(sp.GetRequiredService<IOptions<RetentionOptions>>().Value));
        services.AddSingleton(sp => new Pseudonymizer(PseudonymKeyBytes(sp.GetRequiredService<EvidenceStorageOptions>().PseudonymKey)!));
        services.AddSingleton(sp => new EvidenceSanitizer(sp.GetRequiredService<Pseudonymizer>()));
        services.AddSingleton<TableEvidenceReader>();
        services.AddSingleton<TableEvidenceAnchorStore>();
        services.AddSingleton<BlobEvidenceAnchorStore>();
        services.AddSingleton<IEvidenceAnchorStore>(sp => sp.GetRequiredService<TableEvidenceAnchorStore>());
        services.AddSingleton<IEvidenceAnchorStore>(sp => sp.GetRequiredService<BlobEvidenceAnchorStore>());
        AddAnchorSigning(services, configuration);
        services.AddSingleton<IEvidenceLedger>(sp => new TableEvidenceLedger(
            sp.GetRequiredService<TableEvidenceReader>(),
            sp.GetRequiredService<EvidenceSanitizer>(),
            sp.GetRequiredService<TableEvidenceAnchorStore>(),
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>Name of the keyed <see cref="Azure.Core.TokenCredential"/> a host may register for the anchor key's vault (the local stand-in).</summary>
    public const string SigningCredentialKey = "evidence-signing";

    // Signing is on only when Evidence:Signing names a vault and a key; the signer then also verifies.
    private static void AddAnchorSigning(IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(AnchorSigningOptions.SectionName).Get<AnchorSigningOptions>() ?? new AnchorSigningOptions();
        if (!options.IsEnabled())
        {
            return;
        }

        services.AddSingleton(sp => new KeyVaultAnchorSigner(
            new KeyVaultKeysClient(new HttpClient { Timeout = TimeSpan.FromSeconds(30) },
                sp.GetKeyedService<Azure.Core.TokenCredential>(SigningCredentialKey) ?? Configuration.AppCredential.For(options.ManagedIdentityClientId),
                options.KeyVaultUri!),
            options.KeyName!, options.Algorithm));
        services.AddSingleton<IAnchorSigner>(sp => sp.GetRequiredService<KeyVaultAnchorSigner>());
        services.AddSingleton<IAnchorSignatureVerifier>(sp => sp.GetRequiredService<KeyVaultAnchorSigner>());
    }

    private static byte[]? PseudonymKeyBytes(string? base64)
    {
        if (string.IsNullOrWhiteSpace(base64))
        {
            return null;
        }

        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, buffer, out var written) && written >= 32 ? buffer[..written] : null;
    }
}
