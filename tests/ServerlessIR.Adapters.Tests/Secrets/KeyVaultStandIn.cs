using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ServerlessIR.Adapters.Tests.Secrets;

/// <summary>
/// A local Key Vault speaking the secrets REST shapes <see cref="SecretClient"/> uses (get, set with tags, list versions,
/// update properties, the 401 bearer challenge), over HTTPS with a self-signed certificate made in-process: SecretClient
/// refuses bearer tokens over plain http. Never echoes a secret value in an error, like Key Vault.
/// </summary>
public sealed class KeyVaultStandIn : IAsyncDisposable
{
    private readonly object gate = new();
    private readonly Dictionary<string, List<StoredVersion>> secrets = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Method, string Path, int Status)> calls = [];
    private WebApplication app = null!;

    private KeyVaultStandIn(X509Certificate2 certificate) => Certificate = certificate;

    public X509Certificate2 Certificate { get; }
    public Uri VaultUri { get; private set; } = null!;

    /// <summary>The only bearer token the vault accepts.</summary>
    public string AccessToken { get; } = "kv-standin-" + Guid.NewGuid().ToString("N");

    /// <summary>When set, writes (PUT) are refused with this status, as when the identity lacks a Key Vault role.</summary>
    public int? RefuseWritesWith { get; set; }

    public IReadOnlyList<(string Method, string Path, int Status)> Calls
    {
        get { lock (gate) return [.. calls]; }
    }

    public static async Task<KeyVaultStandIn> StartAsync()
    {
        var standIn = new KeyVaultStandIn(CreateCertificate());
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(standIn.Certificate)));
        standIn.app = builder.Build();
        standIn.Map(standIn.app);
        await standIn.app.StartAsync();
        var address = standIn.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        standIn.VaultUri = new Uri(address.TrimEnd('/') + "/");
        return standIn;
    }

    /// <summary>A real <see cref="SecretClient"/> that trusts only this stand-in's certificate.</summary>
    public SecretClient CreateClient(TokenCredential credential)
    {
        var thumbprint = Certificate.Thumbprint;
#pragma warning disable CA2000 // The transport owns the handler for the client's lifetime.
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == thumbprint,
        };
#pragma warning restore CA2000
        var options = new SecretClientOptions
        {
            Transport = new HttpClientTransport(handler),
            // The challenge names login.microsoftonline.com's vault resource, not 127.0.0.1.
            DisableChallengeResourceVerification = true,
        };
        options.Retry.MaxRetries = 0;
        return new SecretClient(VaultUri, credential, options);
    }

    /// <summary>Stores a version directly (the leaked one a rotation replaces); returns its version ID.</summary>
    public string Seed(string name, string value) => Store(name, value, []).Version;

    /// <summary>(version, enabled, tags) of each version, oldest first; never the values.</summary>
    public IReadOnlyList<(string Version, bool Enabled, IReadOnlyDictionary<string, string> Tags)> Versions(string name)
    {
        lock (gate) return [.. (secrets.GetValueOrDefault(name) ?? []).Select(v => (v.Version, v.Enabled, (IReadOnlyDictionary<string, string>)v.Tags))];
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        Certificate.Dispose();
    }

    private void Map(WebApplication web)
    {
        web.Use(async (context, next) =>
        {
            if (context.Request.Headers.Authorization.ToString() != "Bearer " + AccessToken)
            {
                // Key Vault's challenge: where to get a token and for which resource.
                context.Response.StatusCode = 401;
                context.Response.Headers.WWWAuthenticate =
                    "Bearer authorization=\"https://login.microsoftonline.com/00000000-0000-0000-0000-000000000001\", resource=\"https://vault.azure.net\"";
                await context.Response.WriteAsJsonAsync(Error("Unauthorized", "AKV10000: Request is missing a Bearer or PoP token."));
            }
            else
            {
                await next(context);
            }
            lock (gate) calls.Add((context.Request.Method, context.Request.Path.Value ?? "", context.Response.StatusCode));
        });

        web.MapGet("/secrets/{name}/versions", (string name) =>
        {
            lock (gate)
            {
                if (!secrets.TryGetValue(name, out var versions)) return NotFound(name);
                return Results.Json(new JsonObject
                {
                    ["value"] = new JsonArray([.. versions.Select(v => (JsonNode)Bundle(name, v, withValue: false))]),
                    ["nextLink"] = null,
                });
            }
        });
        web.MapGet("/secrets/{name}", (string name) => Get(name, null));
        web.MapGet("/secrets/{name}/{version}", (string name, string version) => Get(name, version));
        web.MapPut("/secrets/{name}", async (string name, HttpRequest request) =>
        {
            var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
            if (RefuseWritesWith is { } status)
            {
                return Results.Json(Error("Forbidden", $"The user, group or application does not have secrets set permission on key vault '{VaultUri.Authority}'."), statusCode: status);
            }
            var tags = body["tags"]?.AsObject().ToDictionary(t => t.Key, t => t.Value!.GetValue<string>(), StringComparer.Ordinal) ?? [];
            var stored = Store(name, body["value"]!.GetValue<string>(), tags);
            return Results.Json(Bundle(name, stored, withValue: true));
        });
        web.MapMethods("/secrets/{name}/{version}", ["PATCH"], async (string name, string version, HttpRequest request) =>
        {
            var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
            lock (gate)
            {
                var stored = secrets.GetValueOrDefault(name)?.FirstOrDefault(v => v.Version == version);
                if (stored is null) return NotFound(name);
                if (body["attributes"]?["enabled"] is { } enabled) stored.Enabled = enabled.GetValue<bool>();
                if (body["tags"] is JsonObject tags)
                {
                    stored.Tags.Clear();
                    foreach (var (key, value) in tags) stored.Tags[key] = value!.GetValue<string>();
                }
                stored.Updated = DateTimeOffset.UtcNow;
                return Results.Json(Bundle(name, stored, withValue: false));
            }
        });
    }

    private IResult Get(string name, string? version)
    {
        lock (gate)
        {
            var versions = secrets.GetValueOrDefault(name);
            var stored = version is null ? versions?.LastOrDefault() : versions?.FirstOrDefault(v => v.Version == version);
            if (stored is null) return NotFound(name);
            return stored.Enabled
                ? Results.Json(Bundle(name, stored, withValue: true))
                : Results.Json(Error("Forbidden", "Operation get is not allowed on a disabled secret."), statusCode: 403);
        }
    }

    private StoredVersion Store(string name, string value, Dictionary<string, string> tags)
    {
        lock (gate)
        {
            if (!secrets.TryGetValue(name, out var versions))
            {
                secrets[name] = versions = [];
            }
            var stored = new StoredVersion(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), value, new Dictionary<string, string>(tags, StringComparer.Ordinal));
            versions.Add(stored);
            return stored;
        }
    }

    private JsonObject Bundle(string name, StoredVersion stored, bool withValue)
    {
        var bundle = new JsonObject
        {
            ["id"] = new Uri(VaultUri, $"secrets/{name}/{stored.Version}").ToString(),
            ["attributes"] = new JsonObject
            {
                ["enabled"] = stored.Enabled,
                ["created"] = stored.Created.ToUnixTimeSeconds(),
                ["updated"] = stored.Updated.ToUnixTimeSeconds(),
                ["recoveryLevel"] = "Recoverable+Purgeable",
                ["recoverableDays"] = 90,
            },
            ["tags"] = new JsonObject([.. stored.Tags.Select(t => new KeyValuePair<string, JsonNode?>(t.Key, t.Value))]),
        };
        if (withValue)
        {
            bundle["value"] = stored.Value;
        }
        return bundle;
    }

    private static IResult NotFound(string name) =>
        Results.Json(Error("SecretNotFound", $"A secret with (name/id) {name} was not found in this key vault."), statusCode: 404);

    private static JsonObject Error(string code, string message) => new() { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        // Reloaded from PKCS#12 so SslStream gets a private key it can use on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }

    private sealed class StoredVersion(string version, string value, Dictionary<string, string> tags)
    {
        public string Version { get; } = version;
        public string Value { get; } = value;
        public Dictionary<string, string> Tags { get; } = tags;
        public bool Enabled { get; set; } = true;
        public DateTimeOffset Created { get; } = DateTimeOffset.UtcNow;
        public DateTimeOffset Updated { get; set; } = DateTimeOffset.UtcNow;
    }
}
