using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Azure.Core;

namespace ServerlessIR.Adapters.Evidence;

/// <summary>
/// The two Key Vault key operations anchors need, over Key Vault's REST API (version 7.4): <c>GET keys/{name}[/{version}]</c>
/// for the public JWK and <c>POST keys/{name}/{version}/sign</c>. Azure.Security.KeyVault.Keys is not available here, so this
/// speaks the documented wire format itself; the private key never leaves the vault.
/// </summary>
public sealed class KeyVaultKeysClient
{
    /// <summary>Key Vault's data-plane API version these calls follow.</summary>
    public const string ApiVersion = "7.4";

    private static readonly string[] Scopes = ["https://vault.azure.net/.default"];
    private readonly HttpClient http;
    private readonly TokenCredential credential;
    private readonly Uri vault;

    public KeyVaultKeysClient(HttpClient http, TokenCredential credential, Uri vaultUri)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(vaultUri);
        // A bearer token goes with every call: never over plain http, except to a stand-in on this machine.
        if (vaultUri.Scheme != Uri.UriSchemeHttps && !(vaultUri.Scheme == Uri.UriSchemeHttp && vaultUri.IsLoopback))
        {
            throw new ArgumentException($"Key Vault URI '{vaultUri}' must be https (plain http only on loopback).", nameof(vaultUri));
        }
        this.http = http;
        this.credential = credential;
        vault = new Uri(vaultUri.AbsoluteUri.TrimEnd('/') + "/");
    }

    public Uri VaultUri => vault;

    /// <summary>The key's public JWK: <paramref name="keyIdOrName"/> is a full key ID (any version) or a bare name (latest).</summary>
    public async Task<KeyVaultJsonWebKey> GetKeyAsync(string keyIdOrName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyIdOrName);
        var url = keyIdOrName.Contains("://", StringComparison.Ordinal) ? new Uri(keyIdOrName) : new Uri(vault, "keys/" + Uri.EscapeDataString(keyIdOrName));
        using var request = new HttpRequestMessage(HttpMethod.Get, WithApiVersion(url));
        var bundle = await SendAsync<KeyBundle>(request, cancellationToken);
        return bundle.Key ?? throw new InvalidDataException($"Key Vault answered {url} without a key.");
    }

    /// <summary>Signs <paramref name="digest"/> with the key version <paramref name="keyId"/>; returns the signature bytes.</summary>
    public async Task<byte[]> SignAsync(string keyId, string algorithm, byte[] digest, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        ArgumentException.ThrowIfNullOrEmpty(algorithm);
        ArgumentNullException.ThrowIfNull(digest);
        using var request = new HttpRequestMessage(HttpMethod.Post, WithApiVersion(new Uri(keyId.TrimEnd('/') + "/sign")))
        {
            Content = JsonContent.Create(new SignRequest(algorithm, Base64Url.EncodeToString(digest))),
        };
        var result = await SendAsync<KeyOperationResult>(request, cancellationToken);
        return Base64Url.DecodeFromChars(result.Value ?? throw new InvalidDataException("Key Vault's sign answer carries no value."));
    }

    private static Uri WithApiVersion(Uri url) => new(url.AbsoluteUri + (url.Query.Length > 0 ? "&" : "?") + "api-version=" + ApiVersion);

    private async Task<T> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await credential.GetTokenAsync(new TokenRequestContext(Scopes), cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            // Key Vault's error body names the code (Forbidden, KeyNotFound); it never carries key material.
            var error = await response.Content.ReadFromJsonAsync<ErrorBody>(cancellationToken).ConfigureAwait(false);
            throw new HttpRequestException(
                $"Key Vault {request.Method} {request.RequestUri?.GetLeftPart(UriPartial.Path)} answered {(int)response.StatusCode}: {error?.Error?.Code} {error?.Error?.Message}".TrimEnd(),
                null, response.StatusCode == HttpStatusCode.OK ? null : response.StatusCode);
        }
        return await response.Content.ReadFromJsonAsync<T>(cancellationToken)
            ?? throw new InvalidDataException($"Key Vault answered {request.RequestUri?.GetLeftPart(UriPartial.Path)} with an empty body.");
    }

    private sealed record SignRequest([property: JsonPropertyName("alg")] string Alg, [property: JsonPropertyName("value")] string Value);

    private sealed record KeyBundle([property: JsonPropertyName("key")] KeyVaultJsonWebKey? Key);

    private sealed record KeyOperationResult([property: JsonPropertyName("kid")] string? Kid, [property: JsonPropertyName("value")] string? Value);

    private sealed record ErrorBody([property: JsonPropertyName("error")] ErrorDetail? Error);

    private sealed record ErrorDetail([property: JsonPropertyName("code")] string? Code, [property: JsonPropertyName("message")] string? Message);
}
