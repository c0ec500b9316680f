using ServerlessIR.Adapters.Evidence;
using ServerlessIR.StandIns.KeyVault;
using ServerlessIR.StandIns.Storage;

namespace ServerlessIR.Local.Hosting;

/// <summary>
/// The local evidence-anchor key: the Key Vault keys stand-in holding the state folder's key, served on loopback. The
/// pipeline serves it from its stand-in host; <c>ir evidence verify</c> starts this small server of its own, so signatures are
/// checked by the same <see cref="KeyVaultAnchorSigner"/> over HTTP as in Azure.
/// </summary>
public sealed class LocalAnchorKeys : IAsyncDisposable
{
    /// <summary>The key's name, as <c>infra/app/keyvault.bicep</c> names it in Azure.</summary>
    public const string KeyName = "evidence-anchor-key";

    private readonly WebApplication app;
    private readonly KeyVaultKeysStandInState state;
    private readonly HttpClient http;

    private LocalAnchorKeys(WebApplication app, KeyVaultKeysStandInState state, HttpClient http, KeyVaultAnchorSigner verifier)
    {
        this.app = app;
        this.state = state;
        this.http = http;
        Verifier = verifier;
    }

    public KeyVaultAnchorSigner Verifier { get; }

    /// <summary>The stand-in for the state folder's key (<see cref="LocalSecrets.AnchorSigningKey"/>).</summary>
    public static KeyVaultKeysStandInState State(IReadOnlyDictionary<string, string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        return new KeyVaultKeysStandInState(KeyName, Convert.FromBase64String(secrets[LocalSecrets.AnchorSigningKey]));
    }

    public static async Task<LocalAnchorKeys> StartAsync(IReadOnlyDictionary<string, string> secrets, CancellationToken cancellationToken = default)
    {
        var port = AzuriteLauncher.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenLocalhost(port));
        var app = builder.Build();
#pragma warning disable CA2000 // Owned by the returned instance, disposed with it.
        var state = State(secrets);
        var http = new HttpClient();
#pragma warning restore CA2000
        app.MapKeyVaultKeysStandIn(state);
        await app.StartAsync(cancellationToken);
        var client = new KeyVaultKeysClient(http, new StandInTokenCredential(), new Uri($"http://127.0.0.1:{port}/"));
        return new LocalAnchorKeys(app, state, http, new KeyVaultAnchorSigner(client, KeyName));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        http.Dispose();
        state.Dispose();
    }
}
