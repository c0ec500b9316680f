using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Playbooks;
using ServerlessIR.Core.Salesforce;
using ServerlessIR.Core.Secrets;

namespace ServerlessIR.Adapters.Salesforce;

/// <summary>
/// The Salesforce REST API for one org: OAuth 2.0 sign-in (client credentials, or the JWT bearer flow with a signing key) with
/// secrets from <see cref="ISecretStore"/>,
/// SOQL queries, token revocation; error bodies mapped to transient (retry) or permanent (escalate) failures.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The SemaphoreSlim is only awaited (WaitAsync): it never allocates a wait handle, so there is nothing to dispose.")]
public sealed class SalesforceRestClient : ISalesforceClient
{
    private readonly HttpClient http;
    private readonly SalesforceOrg org;
    private readonly Uri baseUrl;
    private readonly ISecretStore secrets;
    private readonly TimeProvider time;
    private const int InCallAttempts = 3;
    private readonly SemaphoreSlim signIn = new(1, 1);
    private string? accessToken;

    public SalesforceRestClient(HttpClient http, SalesforceOrg org, Uri baseUrl, ISecretStore secrets, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(org);
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(secrets);
        this.http = http;
        this.org = org;
        this.baseUrl = baseUrl;
        this.secrets = secrets;
        this.time = time ?? TimeProvider.System;
    }

    public async Task<IReadOnlyList<JsonElement>> QueryAsync(string soql, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(soql);
        var records = new List<JsonElement>();
        var path = $"/services/data/v{org.ApiVersion}/query?q={Uri.EscapeDataString(soql)}";
        while (path is not null)
        {
            using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl, path)), cancellationToken);
            using var doc = await ReadJsonAsync(response, cancellationToken);
            foreach (var record in doc.RootElement.GetProperty("records").EnumerateArray())
            {
                records.Add(record.Clone());
            }
            path = doc.RootElement.TryGetProperty("done", out var done) && !done.GetBoolean() &&
                   doc.RootElement.TryGetProperty("nextRecordsUrl", out var next) ? next.GetString() : null;
        }
        return records;
    }

    public async Task<bool> RevokeTokenAsync(string token, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        HttpRequestMessage Build() => new(HttpMethod.Post, new Uri(baseUrl, "/services/oauth2/revoke"))
        {
            Content = new FormUrlEncodedContent([new("token", token)]),
        };
        using var response = await SendRawAsync(Build, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return true;
        }
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode == HttpStatusCode.BadRequest && body.Contains("invalid_token", StringComparison.Ordinal))
        {
            // Already revoked (possibly by Salesforce itself): the goal is reached.
            return false;
        }
        throw Error(response.StatusCode, body);
    }

    public async Task UpdateAsync(string sobject, string id, JsonObject fields, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sobject);
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(fields);
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Patch, SObjectUri(sobject, id))
        {
            Content = JsonContent(fields),
        }, cancellationToken);
    }

    public async Task<bool> DeleteAsync(string sobject, string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sobject);
        ArgumentException.ThrowIfNullOrEmpty(id);
        try
        {
            using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Delete, SObjectUri(sobject, id)), cancellationToken);
            return true;
        }
        catch (SalesforceApiException ex) when (ex.ErrorCode is "NOT_FOUND" or "ENTITY_IS_DELETED" or "INVALID_CROSS_REFERENCE_KEY")
        {
            // Gone already (Salesforce or an earlier attempt deleted it): the goal is reached.
            return false;
        }
    }

    public async Task<string?> CreateAsync(string sobject, JsonObject fields, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sobject);
        ArgumentNullException.ThrowIfNull(fields);
        try
        {
            using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, $"/services/data/v{org.ApiVersion}/sobjects/{sobject}/"))
            {
                Content = JsonContent(fields),
            }, cancellationToken);
            using var doc = await ReadJsonAsync(response, cancellationToken);
            return doc.RootElement.GetProperty("id").GetString();
        }
        catch (SalesforceApiException ex) when (ex.ErrorCode == "DUPLICATE_VALUE")
        {
            return null;
        }
    }

    public async Task<string> GetBlobFieldAsync(string sobject, string id, string field, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(field);
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, new Uri(SObjectUri(sobject, id) + "/" + Uri.EscapeDataString(field))), cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    private Uri SObjectUri(string sobject, string id) =>
        new(baseUrl, $"/services/data/v{org.ApiVersion}/sobjects/{Uri.EscapeDataString(sobject)}/{Uri.EscapeDataString(id)}");

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var token = await AccessTokenAsync(refresh: attempt > 0, cancellationToken);
            var response = await SendRawAsync(() =>
            {
                var request = build();
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                return request;
            }, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return response;
            }
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            response.Dispose();
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
            {
                continue; // INVALID_SESSION_ID: the session expired; sign in again once.
            }
            throw Error(response.StatusCode, body);
        }
    }

    /// <summary>
    /// Sends, retrying a few times within the call on 5xx and on no answer: every call we make is safe to repeat (revoke and
    /// delete answer "already done", PATCH sets the same value, a duplicate create answers DUPLICATE_VALUE), and short in-call
    /// retries keep a flaky org from costing a durable back-off per blip. What is still failing after that surfaces as transient.
    /// REQUEST_LIMIT_EXCEEDED is not retried here: the org's API budget does not recover within seconds.
    /// </summary>
    private async Task<HttpResponseMessage> SendRawAsync(Func<HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var request = build();
            try
            {
                var response = await http.SendAsync(request, cancellationToken);
                if ((int)response.StatusCode < 500 || attempt >= InCallAttempts)
                {
                    return response;
                }
                response.Dispose();
            }
            catch (HttpRequestException ex) when (attempt >= InCallAttempts)
            {
                throw new SalesforceApiException(0, "CONNECTION_FAILED", ex.Message, isTransient: true);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested && attempt >= InCallAttempts)
            {
                throw new SalesforceApiException(0, "TIMEOUT", "Salesforce did not answer in time", isTransient: true);
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
            }
            finally
            {
                request.Dispose();
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100 * Math.Pow(2, attempt)), cancellationToken);
        }
    }

    private async Task<string> AccessTokenAsync(bool refresh, CancellationToken cancellationToken)
    {
        if (!refresh && accessToken is not null)
        {
            return accessToken;
        }
        await signIn.WaitAsync(cancellationToken);
        try
        {
            if (!refresh && accessToken is not null)
            {
                return accessToken;
            }
            var form = await SignInFormAsync(cancellationToken);
            HttpRequestMessage Build() => new(HttpMethod.Post, new Uri(baseUrl, "/services/oauth2/token"))
            {
                Content = new FormUrlEncodedContent(form),
            };
            using var response = await SendRawAsync(Build, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw Error(response.StatusCode, body);
            }
            using var doc = JsonDocument.Parse(body);
            accessToken = doc.RootElement.GetProperty("access_token").GetString();
            return accessToken!;
        }
        finally
        {
            signIn.Release();
        }
    }

    /// <summary>The token request's form for the org's <c>auth.flow</c>; secrets come from the secret store on each sign-in.</summary>
    private async Task<KeyValuePair<string, string>[]> SignInFormAsync(CancellationToken cancellationToken)
    {
        var clientId = await secrets.GetSecretAsync(org.Auth.ClientIdSecret, cancellationToken);
        switch (org.Auth.Flow)
        {
            case "client-credentials":
                var clientSecret = await secrets.GetSecretAsync(org.Auth.ClientSecretSecret
                    ?? throw new PermanentContainmentException($"Salesforce org '{org.Id}' names no client secret."), cancellationToken);
                return [new("grant_type", "client_credentials"), new("client_id", clientId), new("client_secret", clientSecret)];
            case "jwt-bearer":
                var keySecret = org.Auth.CertificateSecret
                    ?? throw new PermanentContainmentException($"Salesforce org '{org.Id}' names no signing key (auth.certificateSecret) for the JWT bearer flow.");
                var username = org.Auth.Username
                    ?? throw new PermanentContainmentException($"Salesforce org '{org.Id}' names no username (auth.username) for the JWT bearer flow.");
                using (var key = SalesforceJwtAssertion.LoadKey(await secrets.GetSecretAsync(keySecret, cancellationToken), keySecret))
                {
                    var assertion = SalesforceJwtAssertion.Create(clientId, username, org.Auth.LoginUrl, key, time.GetUtcNow());
                    return [new("grant_type", SalesforceJwtAssertion.GrantType), new("assertion", assertion)];
                }
            default:
                throw new PermanentContainmentException($"Salesforce org '{org.Id}': sign-in flow '{org.Auth.Flow}' is not supported.");
        }
    }

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
    }

    private static StringContent JsonContent(JsonObject value) =>
        new(value.ToJsonString(), System.Text.Encoding.UTF8, "application/json");

    /// <summary>Maps a Salesforce error answer; the body is Salesforce's, never carries our secrets.</summary>
    internal static SalesforceApiException Error(HttpStatusCode status, string body)
    {
        var (code, message) = ParseError(body);
        var transient = status is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway
                            or HttpStatusCode.GatewayTimeout or HttpStatusCode.InternalServerError
                        || code is "REQUEST_LIMIT_EXCEEDED" or "SERVER_UNAVAILABLE" or "UNABLE_TO_LOCK_ROW" or "INVALID_SESSION_ID";
        return new SalesforceApiException((int)status, code, message, transient);
    }

    private static (string Code, string Message) ParseError(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            var first = root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0 ? root[0] : root;
            if (first.ValueKind == JsonValueKind.Object)
            {
                var code = first.TryGetProperty("errorCode", out var c) ? c.GetString()
                    : first.TryGetProperty("error", out var e) ? e.GetString() : null;
                var message = first.TryGetProperty("message", out var m) ? m.GetString()
                    : first.TryGetProperty("error_description", out var d) ? d.GetString() : null;
                return (code ?? "UNKNOWN", message ?? "");
            }
        }
        catch (JsonException)
        {
        }
        return ("UNKNOWN", body.Length > 200 ? body[..200] : body);
    }
}
