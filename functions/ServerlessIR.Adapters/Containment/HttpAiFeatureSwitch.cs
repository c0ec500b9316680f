using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Adapters.Containment;

/// <summary>
/// The owning service's switch over HTTP: <c>GET probeUrl</c> (2xx with <c>"healthy": true</c> means the fallback path works),
/// <c>GET switchUrl</c> → <c>{"mode": ...}</c>, and a signed <c>POST switchUrl</c> with <c>{"mode", "idempotencyKey"}</c>.
/// 5xx and timeouts are transient; other refusals are permanent.
/// </summary>
public sealed class HttpAiFeatureSwitch(IHttpClientFactory httpClients, HookSigner signer, ContainmentOptions options) : IAiFeatureSwitch
{
    public const string HttpClientName = "ai-feature-switch";

    public async Task<bool> ProbeFallbackAsync(AiSystem system, CancellationToken cancellationToken = default)
    {
        var fallback = Fallback(system);
        var probe = fallback.ProbeUrl ?? throw new PermanentContainmentException($"AI system '{system.Id}' has no fallback probeUrl: cannot show the fallback works.");
        var response = await HookHttp.SendAsync(httpClients.CreateClient(HttpClientName), new HttpRequestMessage(HttpMethod.Get, options.Resolve(probe)), transientOnly: false, cancellationToken);
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                return false;
            }
            var body = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
            return body?["healthy"]?.GetValue<bool>() == true;
        }
    }

    public async Task<string> GetModeAsync(AiSystem system, CancellationToken cancellationToken = default)
    {
        var url = SwitchUrl(system);
        using var response = await HookHttp.SendAsync(httpClients.CreateClient(HttpClientName), new HttpRequestMessage(HttpMethod.Get, url), transientOnly: true, cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
        return (string?)body?["mode"] ?? throw new PermanentContainmentException($"The switch of '{system.Id}' did not say its mode.");
    }

    public async Task SetModeAsync(AiSystem system, string mode, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        var fallback = Fallback(system);
        var body = JsonSerializer.Serialize(new { mode, idempotencyKey });
        var request = new HttpRequestMessage(HttpMethod.Post, SwitchUrl(system)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        await signer.SignAsync(request, body, fallback.SigningSecret
            ?? throw new PermanentContainmentException($"AI system '{system.Id}' names no fallback signingSecret."), cancellationToken);
        using var response = await HookHttp.SendAsync(httpClients.CreateClient(HttpClientName), request, transientOnly: true, cancellationToken);
    }

    private Uri SwitchUrl(AiSystem system) =>
        options.Resolve(Fallback(system).SwitchUrl ?? throw new PermanentContainmentException($"AI system '{system.Id}' has no fallback switchUrl."));

    private static AiFallback Fallback(AiSystem system) =>
        system.Fallback ?? throw new PermanentContainmentException($"AI system '{system.Id}' has no fallback in the playbook.");
}
