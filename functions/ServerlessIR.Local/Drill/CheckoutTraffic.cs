using System.Text.Json.Nodes;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Local.Drill;

/// <summary>
/// Checkout traffic during a drill: at a steady rate, each request picks the next AI system, asks its owning service which
/// mode serves checkout (<c>GET /ai-features/{system}/mode</c>) and, when that is the playbook's fallback mode, whether the
/// fallback answers (<c>GET .../fallback-health</c>), as a checkout would before scoring an order. A request neither mode
/// served counts as failed.
/// </summary>
public sealed class CheckoutTraffic(Uri standIns, Playbook playbook, ScenarioCheckoutTraffic plan)
{
    private int requests;
    private int byModel;
    private int byFallback;
    private int failed;
    private string? firstFailure;

    public CheckoutTrafficResult Result => new(requests, byModel, byFallback, failed, firstFailure);

    /// <summary>Sends requests until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(standIns);
        using var http = new HttpClient { BaseAddress = standIns, Timeout = TimeSpan.FromSeconds(10) };
        var every = TimeSpan.FromSeconds(1 / plan.RequestsPerSecond);
        try
        {
            for (var i = 0; !cancellationToken.IsCancellationRequested; i++)
            {
                await OneAsync(http, plan.AiSystems[i % plan.AiSystems.Count], cancellationToken);
                await Task.Delay(every, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task OneAsync(HttpClient http, string system, CancellationToken cancellationToken)
    {
        requests++;
        try
        {
            var mode = await http.GetFromJsonAsync<JsonObject>($"ai-features/{system}/mode", cancellationToken);
            var fallback = playbook.AiSystems.FirstOrDefault(s => s.Id == system)?.Fallback?.Mode;
            if (fallback is null || (string?)mode?["mode"] != fallback)
            {
                byModel++;
                return;
            }
            using var health = await http.GetAsync($"ai-features/{system}/fallback-health", cancellationToken);
            if (health.IsSuccessStatusCode)
            {
                byFallback++;
                return;
            }
            Fail($"{system}: fallback answered HTTP {(int)health.StatusCode}");
        }
        catch (HttpRequestException ex)
        {
            Fail($"{system}: {ex.Message}");
        }
    }

    private void Fail(string why)
    {
        failed++;
        firstFailure ??= why;
    }
}
