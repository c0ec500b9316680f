using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.DurableTask;
using ServerlessIR.Core.Assessment;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Notifications;

/// <summary>
/// Drafts one notice from its template (strict Liquid: a missing fact fails the draft rather than leaving a blank in a
/// letter to a regulator), stores it for the review page, issues a one-time notice link, and e-mails the DPO review
/// address the link. Nothing goes to a regulator from here: the DPO submits and marks the notice submitted on its page.
/// </summary>
/// <remarks>Runs at least once: the store overwrites, and the review e-mail's idempotency key keeps a retry from resending.</remarks>
[DurableTask(nameof(DraftNoticeActivity))]
public sealed class DraftNoticeActivity(
    INoticeReviewLinks reviewLinks,
    NoticeRenderer renderer,
    INoticeDraftStore drafts,
    IMailSender mail,
    IPlaybookProvider playbooks) : TaskActivity<NoticeDraftRequest, NoticeDraftResult>
{
    public override async Task<NoticeDraftResult> RunAsync(TaskActivityContext context, NoticeDraftRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var playbook = playbooks.Current;
        var model = BuildModel(playbook, input);
        var residents = RegimeCatalog.Default.Regime(input.Regime).ResidentsAmong(input.Jurisdictions);
        var html = renderer.RenderForResidents(input.Template, model, residents);
        var title = $"{RegimeCatalog.Default.Regime(input.Regime).Title} — {input.IncidentId}";
        await drafts.SaveAsync(input.IncidentId, new NoticeDraft
        {
            NoticeId = input.NoticeId,
            Regime = input.Regime,
            Recipient = input.Recipient,
            Title = title,
            BodyHtml = html,
            Deadline = input.Deadline,
        });

        var link = await reviewLinks.IssueAsync(input.IncidentId, input.Regime, input.NoticeId, input.ExpiresAt);
        var reviewTo = playbook.Notifications.DpoReviewAddress ?? playbook.Organisation.Dpo.Email;
        var body = new StringBuilder()
            .Append("<html><body style=\"font-family:system-ui,sans-serif\"><h2>").Append(WebUtility.HtmlEncode(title)).Append("</h2>")
            .Append("<p>A notice for <strong>").Append(WebUtility.HtmlEncode(input.Recipient)).Append("</strong> is drafted. Deadline: ")
            .Append(WebUtility.HtmlEncode(DeadlineText.TimeLeft(input.Deadline, input.IncidentNow))).Append(".</p>")
            .Append("<p><a href=\"").Append(WebUtility.HtmlEncode(link)).Append("\">Review the draft and mark it submitted</a></p>")
            .Append("<p>").Append(WebUtility.HtmlEncode(NoticeRenderer.Disclaimer)).Append("</p></body></html>")
            .ToString();
        await mail.SendAsync(new EmailMessage(input.Sender, [reviewTo], $"Review notice: {title}", body,
            $"{input.IncidentId}/notice/{input.NoticeId}/review", input.Template));
        return new NoticeDraftResult(input.NoticeId, title, reviewTo, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(html))));
    }

    /// <summary>The notice model for <paramref name="input"/>: public so tests render exactly what the pipeline drafts.</summary>
    public static NoticeModel BuildModel(Playbook playbook, NoticeDraftRequest input)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        ArgumentNullException.ThrowIfNull(input);
        var system = playbook.FindAiSystem(input.AiSystem);
        var systemName = system?.Name ?? input.AiSystem ?? "an AI feature";
        var categories = input.DataCategories;
        var measures = input.MeasuresTaken.Count > 0 ? input.MeasuresTaken : ["Investigation opened; evidence preserved"];
        return new NoticeModel
        {
            Incident = new NoticeIncident
            {
                Id = input.IncidentId,
                Severity = input.Severity,
                Title = $"Personal data breach involving {systemName}",
                Nature = $"Unauthorised access to personal data processed by the AI system '{systemName}'"
                    + (system is null ? "" : $" ({system.SalesforceFeature}, Salesforce org {system.Org})")
                    + $", detected through {input.Signals} alert(s); loss of confidentiality.",
                PlainDescription = $"Someone without permission was able to see some of your details that our {systemName} feature uses.",
                AwareAt = input.AwareAt,
                DetectedAt = input.AwareAt,
                Status = "Contained or containing; investigation ongoing",
                SubjectCategories = ["customers"],
                DataCategories = categories,
                ApproxSubjects = input.ApproxSubjects,
                ApproxRecords = input.ApproxSubjects,
                Jurisdictions = input.Jurisdictions,
                LikelyConsequences = Consequences(categories),
                MeasuresTaken = measures,
                MeasuresProposed = ["Review of the AI integration's permissions and data access", "Rotation of integration credentials", "Monitoring for misuse of the exposed data"],
                AdviceToSubjects = ["Be wary of e-mails, texts or calls that ask for payment or login details", "Check your bank and card statements", $"Contact {playbook.Organisation.Dpo.Email} with any question"],
                SuspectedMalicious = input.Malicious,
                MaliciousDetails = input.Malicious ? "The alerts indicate deliberate extraction of data through the AI integration." : "",
                CrossBorder = input.Jurisdictions.Count > 1,
                AffectedMemberStates = input.Jurisdictions,
                Impact = $"{input.Severity}: confidentiality of {string.Join(", ", categories)} data of about {input.ApproxSubjects} people",
                IndicatorsOfCompromise = ["Pseudonymized indicators are in the evidence export for this incident"],
                OpenObligations = input.OpenObligations,
            },
            Organisation = NoticeModelFactory.Organisation(playbook),
            Recipient = new NoticeRecipient { Name = input.Recipient, MemberState = playbook.Organisation.EuMainEstablishment ?? "" },
            Notice = new NoticeMeta
            {
                Id = input.NoticeId,
                Regime = input.Regime,
                DraftedAt = input.IncidentNow,
                Deadline = input.Deadline,
                IsLate = input.Deadline is { } d && d < input.IncidentNow,
                DelayReason = input.Deadline is { } late && late < input.IncidentNow ? "The facts needed for the notice were established only after the deadline." : "",
            },
            AiSystem = system is null ? null : new NoticeAiSystem
            {
                Id = system.Id,
                Name = system.Name,
                Provider = playbook.Organisation.Controller,
                ModelVersion = system.ModelVersion,
                Feature = system.SalesforceFeature,
                Classification = system.EuAiAct.Classification,
                ClassificationReason = system.EuAiAct.Reason,
                MemberState = playbook.Organisation.EuMainEstablishment ?? "",
                CausalLink = "A causal link between the AI system's integration and the disclosure is reasonably likely; the investigation is ongoing.",
                CorrectiveAction = string.Join("; ", measures),
            },
        };
    }

    private static List<string> Consequences(IReadOnlyList<string> categories)
    {
        var list = new List<string>();
        if (categories.Contains("contact")) list.Add("Phishing and unwanted contact using the exposed contact details");
        if (categories.Contains("financial") || categories.Contains("payment-card")) list.Add("Financial fraud attempts");
        if (categories.Contains("credentials")) list.Add("Account takeover");
        if (categories.Contains("behavioural")) list.Add("Loss of confidentiality of shopping behaviour and profiling");
        if (list.Count == 0) list.Add("Loss of confidentiality of the data concerned");
        return list;
    }
}
