using ServerlessIR.Core.Notifications;

namespace ServerlessIR.Core.Tests.Notifications;

/// <summary>A realistic model whose every value is distinctive, so a test can find each element in the output.</summary>
internal static class SampleNoticeModel
{
    public static NoticeModel Create() => new()
    {
        Incident = new NoticeIncident
        {
            Id = "inc-20261127-0001",
            Severity = "SEV1",
            Title = "Prompt injection exfiltrated customer records",
            Nature = "A prompt injection through a product review made the checkout assistant return other customers' order records.",
            PlainDescription = "A flaw in our shopping assistant let someone see other customers' order details.",
            AwareAt = new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero),
            SubjectCategories = ["online shop customers"],
            DataCategories = ["contact", "financial"],
            ApproxSubjects = 12000,
            ApproxRecords = 48500,
            Jurisdictions = ["DE", "FR"],
            LikelyConsequences = ["Targeted phishing using order history"],
            MeasuresTaken = ["Revoked the assistant's OAuth tokens"],
            MeasuresProposed = ["Filter review text before it reaches the model"],
            AdviceToSubjects = ["Be wary of e-mails that quote your recent orders"],
            SuspectedMalicious = true,
            MaliciousDetails = "Reviews were posted by an automated account.",
            CrossBorder = true,
            AffectedMemberStates = ["DE", "FR"],
            Impact = "Checkout assistant offline for 3 hours.",
            IndicatorsOfCompromise = ["203.0.113.77", "review-id:R-99812"],
            OpenObligations = ["gdpr-art33 due 2026-11-30 10:00 UTC"],
        },
        Organisation = new NoticeOrganisation
        {
            Controller = "Northwind Commerce GmbH",
            DpoName = "Dr. Jana Weber",
            DpoEmail = "dpo@northwind.example",
            DpoPhone = "+49 40 1234 5678",
            MainEstablishment = "DE",
        },
        Notice = new NoticeMeta
        {
            Id = "ntc-1",
            Regime = "gdpr-art33",
            DraftedAt = new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero),
            Deadline = new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero),
        },
        Recipient = new NoticeRecipient { Name = "Der Hamburgische Beauftragte für Datenschutz", MemberState = "DE" },
        AiSystem = new NoticeAiSystem
        {
            Id = "bnpl-credit-scoring",
            Name = "Buy-now-pay-later credit scoring",
            Provider = "Northwind Commerce GmbH (provider)",
            ModelVersion = "bnpl-2026.09.0",
            Classification = "high-risk",
            ClassificationReason = "Annex III 5(b): evaluates creditworthiness of natural persons.",
            MemberState = "DE",
            IncidentKind = "widespread-infringement",
            CausalLink = "The model's output was used to reveal records it should not reach.",
            CorrectiveAction = "Model endpoint switched to manual review.",
        },
        Approval = new NoticeApproval
        {
            Url = "https://func.example/api/approvals/abc.def?x=1&y=2",
            RequestedAction = "Freeze Salesforce user bnpl-integration",
            Effect = "BNPL falls back to manual review.",
            Tier = "security-lead",
            AiSystem = "Buy-now-pay-later credit scoring",
            TimeLeft = "2 d 13 h left",
            DeadlineRegime = "gdpr-art33",
        },
        Status = new NoticeStatusUpdate
        {
            Sequence = 3,
            IncidentTime = new DateTimeOffset(2026, 11, 28, 15, 0, 0, TimeSpan.Zero),
            RealTime = new DateTimeOffset(2026, 11, 28, 9, 0, 6, TimeSpan.Zero),
            EveryMinutes = 120,
            Contained = ["salesforce.revoke-oauth-tokens: 3 tokens revoked"],
            NotContained = ["salesforce.freeze-user: held"],
            WaitingOn = ["the DPO: gdpr-art33 notice to submit"],
            NearestDeadline = "gdpr-art33 to the authority at 2026-11-30 10:00 UTC",
            TimeLeft = "1 d 19 h left",
            Signals = 4,
        },
        Brief = new NoticeExecutiveBrief
        {
            Checkpoint = "gdpr-art33 deadline",
            IncidentTime = new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero),
            Regimes = ["gdpr-art33", "eu-ai-act-art73"],
            Fines = FineExposureCatalog.For(["gdpr-art33", "eu-ai-act-art73"]),
            FallbackState = "Switched to its fallback (manual-review); the fallback's health probe passed.",
            NearestDeadline = "eu-ai-act-art73 at 2026-12-02 09:00 UTC",
        },
        Decision = new NoticeDecision
        {
            Subject = "salesforce.freeze-user",
            Outcome = "Approved",
            DecidedBy = "security-lead@northwind.example",
            Tier = "security-lead",
            Reason = "scope \"confirmed\"",
            IncidentTime = new DateTimeOffset(2026, 11, 28, 9, 20, 0, TimeSpan.Zero),
            RealTime = new DateTimeOffset(2026, 11, 28, 9, 0, 2, TimeSpan.Zero),
        },
    };
}
