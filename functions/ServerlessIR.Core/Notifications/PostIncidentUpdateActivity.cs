using Microsoft.DurableTask;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Notifications;

/// <summary>
/// Sends one update about a running incident: an Adaptive Card to the incident's Teams channel (the Workflows webhook
/// whose URL is the playbook's Teams secret) and an HTML e-mail through Graph, each rendered from its template. A brief's
/// fine exposures are looked up here (<see cref="FineExposureCatalog"/>), so the orchestration reads no data file.
/// </summary>
/// <remarks>
/// Runs at least once. The card and the e-mail go through the ledgered senders under keys derived from the request's
/// (<c>/card</c>, <c>/email</c>), so a retry does not post again what it can see was posted; both mark an exercise's
/// message EXERCISE (<see cref="ExerciseMarking"/>).
/// </remarks>
[DurableTask(nameof(PostIncidentUpdateActivity))]
public sealed class PostIncidentUpdateActivity(
    NoticeRenderer renderer,
    IMailSender mail,
    ITeamsTransport teams,
    IPlaybookProvider playbooks) : TaskActivity<IncidentUpdateRequest, IncidentUpdateResult>
{
    public override async Task<IncidentUpdateResult> RunAsync(TaskActivityContext context, IncidentUpdateRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var brief = input.Brief is { } b ? b with { Fines = FineExposureCatalog.For(b.Regimes) } : null;
        var model = new NoticeModel
        {
            Incident = input.Incident,
            Organisation = NoticeModelFactory.Organisation(playbooks.Current),
            Notice = new NoticeMeta { Id = input.IdempotencyKey, Regime = "internal", DraftedAt = input.IncidentNow },
            Status = input.Status,
            Brief = brief,
            Decision = input.Decision,
        };
        if (input.CardTemplate is { } card)
        {
            await teams.PostCardAsync(new TeamsCardMessage(renderer.Render(card, model), input.IdempotencyKey + "/card", card));
        }
        if (input.MailTemplate is { } template && input.To.Count > 0)
        {
            await mail.SendAsync(new EmailMessage(input.Sender, input.To, input.Subject, renderer.Render(template, model),
                input.IdempotencyKey + "/email", template));
        }
        return new IncidentUpdateResult(Sends(input), brief?.Fines ?? []);
    }

    /// <summary>
    /// What <see cref="RunAsync"/> sends for <paramref name="input"/>: the card when it names one, the e-mail when it names a
    /// template and someone to send it to. Known from the request alone, so an orchestration may record it before the send.
    /// </summary>
    public static IReadOnlyList<SentMessage> Sends(IncidentUpdateRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var sent = new List<SentMessage>(2);
        if (input.CardTemplate is { } card)
        {
            sent.Add(new SentMessage("teams", card, "incident channel"));
        }
        if (input.MailTemplate is { } template && input.To.Count > 0)
        {
            sent.Add(new SentMessage(LedgeredMailSender.Channel, template, string.Join(", ", input.To)));
        }
        return sent;
    }
}
