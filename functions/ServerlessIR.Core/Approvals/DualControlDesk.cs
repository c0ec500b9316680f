using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Notifications;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Approvals;

/// <summary>
/// Two people for an undo (false positive), a law-enforcement hold and an awareness move: the first person's request is
/// stored (<see cref="IDualControlStore"/>) with the incident event it would raise, everyone else who may act is asked
/// through a one-time link (e-mail and Teams activity feed through Graph, each sent once), and only a different authorized
/// person's approval raises the event, carrying both people (<see cref="DualApproval"/>). A rejection is recorded on the
/// request and told to the incident (<see cref="TwoPersonRejectedEvent"/>: evidence and a follow-up card, nothing else);
/// the expiry is recorded on the request and raises nothing.
/// </summary>
public sealed class DualControlDesk(
    IDualControlStore store,
    Responders responders,
    ApprovalTokenService tokens,
    IMailSender mail,
    IActivityFeedNotifier feed,
    INotificationLedger ledger,
    IPlaybookProvider playbooks,
    ApprovalTokenOptions options,
    TimeProvider time)
{
    /// <summary>The template name the sends are ledgered under.</summary>
    public const string Template = "dual-control-request";

    private static readonly JsonSerializerOptions EventJson = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Records <paramref name="requester"/>'s request to raise <paramref name="incidentEvent"/> and asks the others. Posting
    /// the same request again returns the stored one (its ID is derived from incident, kind, requester and event), and
    /// the ledger keeps the messages from going out twice.
    /// </summary>
    public async Task<(DualControlRequest Request, int Asked)> RequestAsync(
        string incidentId, string kind, IncidentEvent incidentEvent, string summary, CallerIdentity requester, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(incidentId);
        ArgumentNullException.ThrowIfNull(incidentEvent);
        ArgumentNullException.ThrowIfNull(requester);
        var json = EventJsonOf(incidentEvent);
        var now = time.GetUtcNow();
        var requesterId = requester.ObjectId ?? requester.Name;
        var request = await store.CreateAsync(new DualControlRequest(
            RequestIdFor(incidentId, kind, requesterId, json), incidentId, kind, summary, requester.Name, requesterId, json,
            now, now.AddHours(options.DualControlHours)), cancellationToken);

        var others = (await responders.ResolveAsync(cancellationToken))
            .Where(p => !string.Equals(p.ObjectId, requesterId, StringComparison.OrdinalIgnoreCase)).ToList();
        if (request.StatusAt(now) != DualControlStatus.Pending || others.Count == 0)
        {
            return (request, 0);
        }
        var token = await tokens.IssueDualControlAsync(incidentId, kind, request.RequestId, request.ExpiresAt, cancellationToken);
        var url = tokens.LinkFor(token);
        var subject = $"Second person needed: {summary} ({incidentId})";
        var keyBase = $"{incidentId}/dual-control/{request.RequestId}";
        var upns = others.Select(p => p.Upn).ToList();
        await mail.SendAsync(new EmailMessage(playbooks.Current.Organisation.NotificationSender, upns, subject,
            Body(request, url), keyBase + "/email", Template), cancellationToken);
        foreach (var upn in upns)
        {
            var key = $"{keyBase}/activity-feed/{upn}";
            await ledger.SendOnceAsync(key, "activity-feed", Template, upn, time,
                ct => feed.NotifyAsync(new ActivityFeedNotification(upn, subject, $"{request.RequestedBy} asks you to second: {summary}", url, key), ct),
                cancellationToken);
        }
        return (request, others.Count);
    }

    /// <summary>The request, with a pending one past its expiry recorded as expired.</summary>
    public async Task<DualControlRequest?> GetAsync(string incidentId, string requestId, CancellationToken cancellationToken = default)
    {
        var request = await store.GetAsync(incidentId, requestId, cancellationToken);
        return request is null ? null : await ExpireIfDueAsync(request, cancellationToken);
    }

    /// <summary>Records that nobody seconded <paramref name="request"/> in time, once it is due.</summary>
    public async Task<DualControlRequest> ExpireIfDueAsync(DualControlRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow();
        if (request.Status != DualControlStatus.Pending || request.StatusAt(now) != DualControlStatus.Expired)
        {
            return request;
        }
        var expired = request with { Status = DualControlStatus.Expired, DecidedAt = now };
        return await store.TryDecideAsync(expired, cancellationToken) ? expired : (await store.GetAsync(request.IncidentId, request.RequestId, cancellationToken))!;
    }

    /// <summary>
    /// A second person's decision. The caller must already be authorized and different from the requester (the page
    /// checks both, to show why). Approving raises the stored event with both people on it; if that fails the request
    /// is pending again.
    /// </summary>
    public async Task<(DualControlDecision Result, DualControlRequest Request)> DecideAsync(
        DualControlRequest request, CallerIdentity second, bool approve, string? reason, IApprovalDecisionSink sink, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentNullException.ThrowIfNull(sink);
        var status = approve ? DualControlStatus.Approved : DualControlStatus.Rejected;
        var decided = request with
        {
            Status = status,
            DecidedBy = second.Name,
            DecidedByObjectId = second.ObjectId ?? second.Name,
            DecidedAt = time.GetUtcNow(),
            Reason = reason,
        };
        if (!await store.TryDecideAsync(decided, cancellationToken))
        {
            var standing = await GetAsync(request.IncidentId, request.RequestId, cancellationToken) ?? request;
            return (standing.Status == status ? DualControlDecision.AlreadyRecorded : DualControlDecision.Refused, standing);
        }
        if (!approve)
        {
            await TellRejectedAsync(decided, sink, cancellationToken);
            return (DualControlDecision.Recorded, decided);
        }
        try
        {
            await sink.RaiseIncidentEventAsync(request.IncidentId, WithApproval(decided), cancellationToken);
            return (DualControlDecision.Recorded, decided);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await store.ReopenAsync(request.IncidentId, request.RequestId, CancellationToken.None);
            return (DualControlDecision.Undelivered, request);
        }
    }

    /// <summary>
    /// Tells the incident a second person refused the request, for its evidence and its channel. The refusal stands
    /// whether or not the incident hears it (it is recorded on the request): an incident that has ended, or cannot be
    /// reached now, does not undo a person's "no", so a failure here is not the caller's.
    /// </summary>
    private static async Task TellRejectedAsync(DualControlRequest rejected, IApprovalDecisionSink sink, CancellationToken cancellationToken)
    {
        var rejection = new TwoPersonRejection(rejected.RequestId, rejected.Kind, rejected.Summary, rejected.RequestedBy,
            rejected.DecidedBy ?? "", rejected.Reason, rejected.DecidedAt ?? rejected.CreatedAt);
        try
        {
            await sink.RaiseIncidentEventAsync(rejected.IncidentId, new TwoPersonRejectedEvent(rejection), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The refusal is recorded on the request (the two-person store); the incident's evidence lacks only its echo.
        }
    }

    /// <summary>The stored event with both people on it.</summary>
    public static IncidentEvent WithApproval(DualControlRequest approved)
    {
        ArgumentNullException.ThrowIfNull(approved);
        var approval = approved.Approval();
        return JsonSerializer.Deserialize<IncidentEvent>(approved.EventJson, EventJson) switch
        {
            FalsePositiveDeclaredEvent fp => new FalsePositiveDeclaredEvent(fp.Request with { Approval = approval }),
            FactsAmendedEvent facts => new FactsAmendedEvent(facts.Amendment with { Approval = approval }),
            CloseRequestedEvent { Review: { } review } => new CloseRequestedEvent(review with { Approval = approval }),
            var other => throw new InvalidOperationException($"A dual-control request cannot raise '{other?.GetType().Name}'."),
        };
    }

    /// <summary>The event as the request stores it and its ID digests: without the approval it does not carry yet.</summary>
    public static string EventJsonOf(IncidentEvent incidentEvent) => JsonSerializer.Serialize(incidentEvent, EventJson);

    /// <summary>
    /// The request ID: a digest of incident, kind, requester and event, so a repeated POST (a retry, a double click) is
    /// the same request and a different request is a new one.
    /// </summary>
    public static string RequestIdFor(string incidentId, string kind, string requesterObjectId, string eventJson) =>
        "dc-" + Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes($"{incidentId}\n{kind}\n{requesterObjectId}\n{eventJson}")).AsSpan(0, 12));

    private static string Body(DualControlRequest request, string url)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        return $"<p>{E(request.RequestedBy)} asks for a second person on incident {E(request.IncidentId)}:</p>"
            + $"<p><strong>{E(request.Summary)}</strong></p>"
            + "<p>It needs a different person's approval before it takes effect. If you did not expect it, reject it.</p>"
            + $"<p><a href=\"{E(url)}\">Review and decide</a> (open it signed in; the link works once, until "
            + $"{request.ExpiresAt:yyyy-MM-dd HH:mm} UTC).</p>";
    }
}
