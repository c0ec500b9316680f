using System.CommandLine;
using System.Diagnostics;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ServerlessIR.Core.Ingestion;

namespace ServerlessIR.Local.Commands;

/// <summary>
/// <c>ir smoke --base-url URL [--key KEY] [--wait-seconds N]</c>: what a person checks first after a deployment, in
/// order, printing each check as it goes and stopping with exit code 1 at the first that fails. The postdeploy hook runs
/// it against the new app; a test runs it against the local host.
/// </summary>
/// <remarks>
/// The key is the webhook's: the Functions host's function key in Azure, the local host's key locally. It comes from
/// <c>--key</c> or <c>SERVERLESSIR_WEBHOOK_KEY</c> (the hook uses the variable, so the key is on no command line) and
/// is never printed. Two checks differ by target, because the two hosts differ on purpose: in Azure, App Service
/// Authentication answers 401 for every path but <c>/api/events</c> and <c>/api/health</c>; locally nothing signs
/// anyone in and the routes listen on loopback only.
/// </remarks>
internal sealed class SmokeCommand : Command
{
    private static readonly TimeSpan SmokeIncidentTimeout = TimeSpan.FromMinutes(3);

    public SmokeCommand()
        : base("smoke", "Post-deploy checks against a deployed app or ./ir serve; exits 1 at the first that fails")
    {
        Options.Add(BaseUrl);
        Options.Add(Key);
        Options.Add(WaitSeconds);
        SetAction((result, cancellationToken) =>
        {
            // The key may come from the environment (the postdeploy hook puts it there, never on a command line).
            var key = result.GetValue(Key) ?? Environment.GetEnvironmentVariable("SERVERLESSIR_WEBHOOK_KEY");
            if (string.IsNullOrEmpty(key))
            {
                throw new UsageException("ir smoke needs the webhook key: --key KEY or SERVERLESSIR_WEBHOOK_KEY (ir serve prints the local one).");
            }
            return RunAsync(result.GetRequiredValue(BaseUrl), key, TimeSpan.FromSeconds(result.GetValue(WaitSeconds)), result.InvocationConfiguration.Output, cancellationToken);
        });
    }

    public Option<Uri> BaseUrl { get; } = CliOptions.BaseUrl("The app's base URL (https://<app>.azurewebsites.net, or the URL ./ir serve prints)", required: true);

    public Option<string> Key { get; } = CliOptions.WebhookKey();

    public Option<int> WaitSeconds { get; } = CliOptions.WholeNumber("--wait-seconds", "N", "How long to keep asking for health while a fresh app starts", 0);

    public static async Task<int> RunAsync(Uri baseUrl, string key, TimeSpan wait, TextWriter stdout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(stdout);
        var local = IsLoopback(baseUrl);

        using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };
        await stdout.WriteLineAsync($"Smoke test of {baseUrl} ({(local ? "the local host on this machine" : "a deployment")})");
        var checks = new List<(string Name, Func<Task<string>> Run)>
        {
            ("health", () => HealthAsync(http, wait, cancellationToken)),
            ("handshake with the key", () => HandshakeAsync(http, key, cancellationToken)),
            ("handshake without a key", () => HandshakeRefusedAsync(http, cancellationToken)),
            ("sign-in required", () => local ? LoopbackOnlyAsync(http, baseUrl, cancellationToken) : SignInRequiredAsync(http, cancellationToken)),
            ("unknown route", () => UnknownRouteAsync(http, local, cancellationToken)),
            ("test alert opens and closes an incident", () => SmokeIncidentAsync(http, key, cancellationToken)),
        };
        foreach (var (name, run) in checks)
        {
            try
            {
                var detail = await run();
                await stdout.WriteLineAsync($"  ok    {name}: {detail}");
            }
            catch (Exception ex) when (ex is SmokeCheckFailedException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                await stdout.WriteLineAsync($"  FAIL  {name}: {ex.Message}");
                return 1;
            }
        }
        await stdout.WriteLineAsync("Smoke test passed.");
        return 0;
    }

    private static async Task<string> HealthAsync(HttpClient http, TimeSpan wait, CancellationToken cancellationToken)
    {
        // A fresh Flex Consumption app may take a while to start: keep asking until it answers or the wait is over.
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var response = await http.GetAsync("api/health", cancellationToken);
                Expect(response, HttpStatusCode.OK, "GET /api/health");
                return $"GET /api/health is 200 after {clock.Elapsed.TotalSeconds:0} s";
            }
            catch (Exception ex) when (ex is SmokeCheckFailedException or HttpRequestException or TaskCanceledException
                                       && clock.Elapsed < wait && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
            }
        }
    }

    private static async Task<string> HandshakeAsync(HttpClient http, string key, CancellationToken cancellationToken)
    {
        using var request = Handshake();
        request.Headers.Add("x-functions-key", key);
        using var response = await http.SendAsync(request, cancellationToken);
        Expect(response, HttpStatusCode.OK, "OPTIONS /api/events with the key");
        var allowed = response.Headers.TryGetValues("WebHook-Allowed-Origin", out var values) ? string.Join(",", values) : null;
        if (allowed != "eventgrid.azure.net")
        {
            throw new SmokeCheckFailedException($"WebHook-Allowed-Origin is '{allowed}', expected the request's origin 'eventgrid.azure.net'.");
        }
        return "OPTIONS /api/events answers 200 and echoes WebHook-Allowed-Origin";
    }

    private static async Task<string> HandshakeRefusedAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var request = Handshake();
        using var response = await http.SendAsync(request, cancellationToken);
        Expect(response, HttpStatusCode.Unauthorized, "OPTIONS /api/events without a key");
        return "OPTIONS /api/events without the key is 401";
    }

    private static async Task<string> SignInRequiredAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("api/incidents", cancellationToken);
        Expect(response, HttpStatusCode.Unauthorized, "GET /api/incidents without a sign-in");
        return "GET /api/incidents without a sign-in is 401 (App Service Authentication)";
    }

    /// <summary>
    /// Locally nobody signs in: the routes are protected by listening on loopback only. So the check is that the API
    /// answers here and refuses a connection on every other address this machine has.
    /// </summary>
    private static async Task<string> LoopbackOnlyAsync(HttpClient http, Uri baseUrl, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("api/incidents", cancellationToken);
        Expect(response, HttpStatusCode.OK, "GET /api/incidents on loopback");
        var others = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => !IPAddress.IsLoopback(a) && a.AddressFamily == AddressFamily.InterNetwork)
            .Distinct()
            .ToList();
        foreach (var address in others)
        {
            using var client = new TcpClient();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            try
            {
                await client.ConnectAsync(address, baseUrl.Port, timeout.Token);
                throw new SmokeCheckFailedException($"the API also accepts connections on {address}:{baseUrl.Port}; it must listen on loopback only.");
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Refused (or nothing answers): what loopback-only means.
            }
        }
        return others.Count == 0
            ? "local host: reads need no sign-in (actions do: `ir serve --as EMAIL`); GET /api/incidents answers on loopback (this machine has no other address to try)"
            : $"local host: reads need no sign-in (actions do: `ir serve --as EMAIL`), so GET /api/incidents is 200 here and refused on {string.Join(", ", others)} (loopback only)";
    }

    private static async Task<string> UnknownRouteAsync(HttpClient http, bool local, CancellationToken cancellationToken)
    {
        if (local)
        {
            var path = "api/no-such-route-" + Guid.NewGuid().ToString("N")[..8];
            using var response = await http.GetAsync(path, cancellationToken);
            Expect(response, HttpStatusCode.NotFound, "GET /" + path);
            return $"GET /{path} is 404";
        }
        // In Azure an unsigned request to any other path gets App Service Authentication's 401 before the app sees it,
        // so the route nothing serves is a method no function takes on an anonymous path: the Functions host answers
        // 404 for it (azure-functions-host#10098), which shows its routing, not the platform, answered.
        using var request = new HttpRequestMessage(HttpMethod.Delete, "api/health");
        using var azure = await http.SendAsync(request, cancellationToken);
        Expect(azure, HttpStatusCode.NotFound, "DELETE /api/health (no function takes DELETE)");
        return "DELETE /api/health is 404 (no function takes it)";
    }

    private static async Task<string> SmokeIncidentAsync(HttpClient http, string key, CancellationToken cancellationToken)
    {
        var id = "smoke-" + Guid.NewGuid().ToString("N");
        var body = JsonSerializer.Serialize(new
        {
            specversion = "1.0",
            type = SmokeTestSource.EventType,
            source = "/serverlessir/ir-smoke",
            id,
            time = DateTimeOffset.UtcNow,
            datacontenttype = "application/json",
            data = new { note = "ir smoke: records evidence and closes; no containment" },
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/events")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/cloudevents+json"),
        };
        request.Headers.Add("x-functions-key", key);
        using var response = await http.SendAsync(request, cancellationToken);
        Expect(response, HttpStatusCode.OK, "POST /api/events with a ServerlessIR.Smoke event");
        var summary = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var incident = (summary?["incidents"] as JsonArray)?.FirstOrDefault()?.GetValue<string>();
        if (summary?["opened"]?.GetValue<int>() != 1 || incident is null || !incident.StartsWith(SmokeTestSource.IncidentIdPrefix, StringComparison.Ordinal))
        {
            throw new SmokeCheckFailedException($"the test alert did not open a smoke-test incident: {summary?.ToJsonString()}");
        }

        // /api/incidents needs a sign-in in Azure; the anonymous health route reports a smoke-test incident's status only.
        var clock = Stopwatch.StartNew();
        string? status = null;
        while (clock.Elapsed < SmokeIncidentTimeout)
        {
            using var health = await http.GetAsync("api/health?smoke=" + Uri.EscapeDataString(incident), cancellationToken);
            Expect(health, HttpStatusCode.OK, "GET /api/health?smoke=" + incident);
            var smoke = JsonNode.Parse(await health.Content.ReadAsStringAsync(cancellationToken))?["smoke"];
            status = smoke?["status"]?.GetValue<string>();
            if (status == "Closed")
            {
                var records = smoke?["evidenceRecords"]?.GetValue<long>() ?? 0;
                return $"{incident} opened and closed in {clock.Elapsed.TotalSeconds:0.0} s with {records} evidence records";
            }
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
        throw new SmokeCheckFailedException($"{incident} did not close within {SmokeIncidentTimeout.TotalMinutes:0} minutes (last status: {status ?? "not recorded"}).");
    }

    private static HttpRequestMessage Handshake()
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "api/events");
        request.Headers.Add("WebHook-Request-Origin", "eventgrid.azure.net");
        return request;
    }

    private static void Expect(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        if (response.StatusCode != expected)
        {
            throw new SmokeCheckFailedException($"{what} answered {(int)response.StatusCode} {response.ReasonPhrase}, expected {(int)expected}.");
        }
    }

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    /// <summary>A check that did not get the answer it expected; its message is printed as the failure.</summary>
    private sealed class SmokeCheckFailedException(string message) : Exception(message);
}
