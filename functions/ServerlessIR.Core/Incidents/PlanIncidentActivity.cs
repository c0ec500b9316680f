using Microsoft.DurableTask;
using ServerlessIR.Core.Assessment;
using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Notifications;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Incidents;

/// <summary>
/// Turns an incident's signals into a plan: breach facts, the assessment, the containment steps for that severity,
/// the checkpoints of every obligation, and who to tell.
/// </summary>
/// <remarks>Runs at least once; pure apart from reading the playbook, so a retry yields the same plan.</remarks>
[DurableTask(nameof(PlanIncidentActivity))]
public sealed class PlanIncidentActivity(IPlaybookProvider playbooks) : TaskActivity<PlanIncidentInput, IncidentPlan>
{
    public override Task<IncidentPlan> RunAsync(TaskActivityContext context, PlanIncidentInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Task.FromResult(Plan(playbooks.Current, input));
    }

    /// <summary>The plan for <paramref name="input"/> under <paramref name="playbook"/>.</summary>
    public static IncidentPlan Plan(Playbook playbook, PlanIncidentInput input)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        ArgumentNullException.ThrowIfNull(input);
        var system = ResolveAiSystem(playbook, input.Signals);
        var facts = BuildFacts(playbook, system, input);
        var assessment = new BreachAssessor().Assess(facts, playbook);

        var all = playbook.Containment.Steps;
        var steps = all
            .Select((s, i) => (Step: s, Index: i))
            .Where(s => SeverityRank(assessment.Severity.Level) <= SeverityRank(s.Step.MinSeverity))
            .Select(s => new PlannedStep(s.Step.Action, s.Step.Approval)
            {
                Irreversible = s.Step.Irreversible,
                CustomerFacing = s.Step.CustomerFacing,
                DefaultAfterLastTier = s.Step.DefaultAfterLastTier,
                Budget = s.Step.Budget ?? playbook.Containment.Budget,
                // Without an ordering of its own a step follows every step listed before it: today's safe sequence.
                After = s.Step.After ?? [.. all.Take(s.Index).Select(p => p.Action)],
            })
            .ToList();

        var route = new NotificationRoute(
            playbook.Organisation.NotificationSender,
            [playbook.Organisation.Dpo.Email],
            system?.Owners.Select(o => o.Email).ToList() ?? [])
        {
            Tiers = playbook.Approvals.Tiers.Select(t => (IReadOnlyList<string>)[.. t.Approvers]).ToList(),
        };

        return new IncidentPlan(
            assessment,
            system?.Id,
            system?.Name,
            SalesforceTargets.PlannedOrgId(playbook, input.Signals is [{ Exercise: true }, ..],
                system?.Org ?? input.Signals.Select(s => s.OrgId).FirstOrDefault(o => o is not null)),
            facts.DataCategories,
            steps,
            ClockPlanner.Plan(assessment, playbook.Clock)
                .Select(c => new PlannedCheckpoint(c.Regime, c.Recipient, c.Name, c.DueAt, c.Action))
                .ToList(),
            route,
            playbook.Approvals)
        {
            CorrelationWindowHours = playbook.Ingestion.CorrelationWindowHours,
            Tasks = SeedTasks(playbook, system, assessment.Severity.Level, input.AwareAt),
            RemindBeforeHours = playbook.FollowUp.RemindBeforeHours,
            Ticketing = playbook.Ticketing is not null,
            StatusEveryMinutes = playbook.StatusUpdates.MinutesFor(assessment.Severity.Level),
            FineFamilies = FineExposureCatalog.FamiliesOf(assessment.Obligations.Select(o => o.Regime)),
        };
    }

    /// <summary>The playbook's follow-up tasks for <paramref name="severity"/>, each owned by the person its role names.</summary>
    public static IReadOnlyList<IncidentTask> SeedTasks(Playbook playbook, AiSystem? system, string severity, DateTimeOffset openedAt)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        var security = playbook.Organisation.SecurityContact?.Email ?? playbook.Organisation.Dpo.Email;
        return [.. playbook.FollowUp.Tasks
            .Where(t => SeverityRank(severity) <= SeverityRank(t.MinSeverity))
            .Select((t, i) => new IncidentTask($"seed-{i + 1}", t.Title,
                t.Owner switch
                {
                    "dpo" => playbook.Organisation.Dpo.Email,
                    "ai-owner" => system?.Owners.Select(o => o.Email).FirstOrDefault() ?? security,
                    _ => security,
                },
                openedAt.AddHours(t.DueHours), system?.Id, "playbook", "playbook"))];
    }

    /// <summary>The AI system a set of signals concerns: named directly, or found through its connected app.</summary>
    public static AiSystem? ResolveAiSystem(Playbook playbook, IEnumerable<Signal> signals)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        ArgumentNullException.ThrowIfNull(signals);
        foreach (var signal in signals)
        {
            if (playbook.FindAiSystem(signal.AiSystemId) is { } named)
            {
                return named;
            }
            var byApp = playbook.AiSystems.FirstOrDefault(s =>
                signal.ConnectedApp is not null &&
                string.Equals(s.Integration?.ConnectedApp, signal.ConnectedApp, StringComparison.OrdinalIgnoreCase));
            if (byApp is not null)
            {
                return byApp;
            }
        }
        return null;
    }

    private static BreachFacts BuildFacts(Playbook playbook, AiSystem? system, PlanIncidentInput input)
    {
        var signals = input.Signals;
        var categories = signals.SelectMany(s => s.DataCategories).Distinct().ToList();
        if (categories.Count == 0 && system is not null)
        {
            // The alert did not say what was touched: assume everything the AI system processes.
            categories = [.. system.DataCategories];
        }
        var jurisdictions = signals.SelectMany(s => s.Jurisdictions)
            .Concat(system?.SubjectsIn ?? [])
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var org = playbook.Organisation;
        var facts = new BreachFacts
        {
            AwareAt = input.AwareAt,
            Jurisdictions = jurisdictions,
            DataCategories = categories,
            SubjectCount = signals.Max(s => s.SubjectCount ?? 0),
            Malicious = signals.Any(s => s.Malicious),
            LossOfConfidentiality = true,
            Organisation = new OrganisationFacts
            {
                EuMainEstablishment = org.EuMainEstablishment,
                Nis2Entity = org.Nis2Entity,
                DoraEntity = org.DoraEntity,
                SecRegistrant = org.SecRegistrant,
                HipaaCoveredEntity = org.HipaaCoveredEntity,
            },
            AiSystem = system is null ? null : new AiSystemFacts
            {
                Id = system.Id,
                Criticality = system.Criticality,
                HighRisk = system.IsHighRisk,
                // A personal-data leak through a high-risk system may infringe fundamental-rights law (Art. 3(49)(c)):
                // treated as a serious incident until a person amends the facts.
                SeriousIncident = system.IsHighRisk,
                SeriousIncidentKind = system.IsHighRisk ? "other" : null,
            },
        };
        return (input.Amendments ?? []).Aggregate(facts, Amend);
    }

    /// <summary>Applies one amendment: given fields replace, lists add, a hold changes no fact.</summary>
    public static BreachFacts Amend(BreachFacts facts, FactsAmendment amendment)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(amendment);
        var system = facts.AiSystem;
        if (system is not null && (amendment.SeriousIncidentKind is not null || amendment.CausalLinkEstablishedAt is not null))
        {
            var kind = amendment.SeriousIncidentKind ?? system.SeriousIncidentKind;
            system = system with
            {
                SeriousIncident = kind is not null && kind != "none",
                SeriousIncidentKind = kind == "none" ? null : kind,
                CausalLinkEstablishedAt = amendment.CausalLinkEstablishedAt ?? system.CausalLinkEstablishedAt,
            };
        }
        return facts with
        {
            AwareAt = amendment.AwareAt ?? facts.AwareAt,
            Jurisdictions = [.. facts.Jurisdictions.Concat(amendment.Jurisdictions).Distinct(StringComparer.Ordinal)],
            DataCategories = [.. facts.DataCategories.Concat(amendment.DataCategories).Distinct(StringComparer.Ordinal)],
            SubjectCount = amendment.SubjectCount ?? facts.SubjectCount,
            Unintelligible = amendment.Unintelligible ?? facts.Unintelligible,
            Malicious = amendment.Malicious ?? facts.Malicious,
            Organisation = amendment.MaterialityDeterminedAt is { } material
                ? facts.Organisation with { MaterialityDeterminedAt = material }
                : facts.Organisation,
            AiSystem = system,
        };
    }

    /// <summary>1 for SEV1 (worst) to 4 for SEV4.</summary>
    public static int SeverityRank(string level) =>
        level is { Length: 4 } && level.StartsWith("SEV", StringComparison.Ordinal) && char.IsDigit(level[3]) ? level[3] - '0' : 4;
}
