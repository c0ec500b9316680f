using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using ServerlessIR.Core.Notifications;

namespace ServerlessIR.Adapters.Notifications;

/// <summary>
/// Hands a notice to the bulk-mail service over HTTP: <c>POST {endpoint}</c> with an <c>Idempotency-Key</c> header and a
/// JSON body; the service answers <c>{"id": "..."}</c>. The endpoint comes from the app setting the playbook names
/// (<c>notifications.dataSubjectChannel.endpointSetting</c>), read on every call.
/// </summary>
public sealed class HttpBulkNoticeChannel : IBulkNoticeChannel
{
    private readonly HttpClient http;
    private readonly IConfiguration configuration;
    private readonly Core.Playbooks.IPlaybookProvider playbooks;

    public HttpBulkNoticeChannel(HttpClient http, IConfiguration configuration, Core.Playbooks.IPlaybookProvider playbooks)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(playbooks);
        this.http = http;
        this.configuration = configuration;
        this.playbooks = playbooks;
    }

    public async Task<string> HandOffAsync(BulkNoticeHandOff handOff, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handOff);
        var setting = playbooks.Current.Notifications.DataSubjectChannel?.EndpointSetting
            ?? throw new InvalidOperationException("The playbook names no data-subject bulk channel.");
        if (!Uri.TryCreate(configuration[setting], UriKind.Absolute, out var endpoint))
        {
            throw new InvalidOperationException($"App setting '{setting}' does not hold the bulk channel's absolute URL.");
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = JsonContent.Create(new
            {
                channel = handOff.Channel,
                incidentId = handOff.IncidentId,
                noticeId = handOff.NoticeId,
                subject = handOff.Subject,
                bodyHtml = handOff.BodyHtml,
                audienceSegment = handOff.AudienceSegment,
                approxRecipients = handOff.ApproxRecipients,
            }),
        };
        request.Headers.Add("Idempotency-Key", handOff.IdempotencyKey);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return body.RootElement.TryGetProperty("id", out var id) && id.GetString() is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("The bulk channel accepted the notice but returned no confirmation ID.");
    }
}
