using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Adapters.Containment;

/// <summary>
/// A rotation hook over HTTP: signed <c>POST issuerUrl</c> with <c>{"secret", "idempotencyKey"}</c>; the issuer answers
/// <c>{"value": ...}</c> with a fresh credential and invalidates the previous one. The value is returned to the caller only.
/// </summary>
public sealed class HttpCredentialIssuer(IHttpClientFactory httpClients, HookSigner signer, ContainmentOptions options) : ICredentialIssuer
{
    public const string HttpClientName = "credential-issuer";

    public async Task<string> IssueAsync(SecretRotation rotation, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rotation);
        var body = JsonSerializer.Serialize(new { secret = rotation.Secret, idempotencyKey });
        var request = new HttpRequestMessage(HttpMethod.Post, options.Resolve(rotation.IssuerUrl)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        await signer.SignAsync(request, body, rotation.SigningSecret, cancellationToken);
        using var response = await HookHttp.SendAsync(httpClients.CreateClient(HttpClientName), request, transientOnly: true, cancellationToken);
        var answer = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
        return (string?)answer?["value"] is { Length: > 0 } value
            ? value
            : throw new PermanentContainmentException($"The issuer of '{rotation.Secret}' answered without a credential.");
    }
}
