namespace ServerlessIR.Core.Assessment;

/// <summary>Canada (PIPEDA and Québec), the FTC Safeguards Rule and the U.S. states besides California.</summary>
public sealed partial class BreachAssessor
{
    private void Canada(Context c, List<Obligation> obligations) =>
        SeriousHarmRegime(c, obligations, c.Countries.Contains("CA"), "CA", "ca-pipeda-10.1", "ca-pipeda-10.1-individuals",
            "PIPEDA s. 10.1: breach of security safeguards with a real risk of significant harm to individuals in Canada",
            "PIPEDA s. 10.1 not triggered: no real risk of significant harm; keep the breach record for 24 months (s. 10.3)", [], []);

    private void Quebec(Context c, List<Obligation> obligations) =>
        SeriousHarmRegime(c, obligations, c.Facts.Jurisdictions.Contains("CA-QC"), "CA", "ca-qc-law25", "ca-qc-law25-individuals",
            "Québec Private Sector Act s. 3.5: confidentiality incident presenting a risk of serious injury to persons in Québec",
            "Québec Private Sector Act s. 3.5 not triggered: no risk of serious injury; record the incident in the register (s. 3.8)", [], []);

    private void FtcSafeguards(Context c, List<Obligation> obligations)
    {
        if (!c.Facts.Organisation.FtcFinancialInstitution)
        {
            return;
        }
        var rule = _catalog.Rule("us-ftc-safeguards-314.4j");
        var acquired = (c.Facts.LossOfConfidentiality || c.Facts.Malicious) && !c.Facts.Unintelligible;
        if (!acquired || c.Facts.SubjectCount < rule.MinSubjects)
        {
            c.Decisions.Add(acquired
                ? $"FTC Safeguards Rule 314.4(j) not triggered: fewer than {rule.MinSubjects} consumers"
                : "FTC Safeguards Rule 314.4(j) not triggered: no acquisition of unencrypted customer information");
            return;
        }
        c.Decisions.Add($"FTC Safeguards Rule 16 CFR 314.4(j): notification event involving {rule.MinSubjects} or more consumers");
        obligations.Add(c.Build(rule, rule.Recipient, "US", c.Facts.AwareAt, []));
    }

    private void UsState(Context c, List<Obligation> obligations, UsStateLaw state)
    {
        if (!c.Facts.Jurisdictions.Contains(state.Jurisdiction))
        {
            return;
        }
        var personalInformation = c.Facts.DataCategories.Any(state.Categories.Contains);
        if (!personalInformation || c.Facts.Unintelligible)
        {
            c.Decisions.Add(personalInformation
                ? $"{state.Statute} not triggered: the personal information was encrypted and the key not acquired"
                : $"{state.Statute} not triggered: no personal information as the statute defines it");
            return;
        }
        if (state.HarmThreshold && !c.RiskLikely)
        {
            c.Decisions.Add($"{state.Statute} not triggered: harm not reasonably likely (ENISA low); document the determination");
            return;
        }
        c.Decisions.Add($"{state.Statute}: personal information of residents of {state.Jurisdiction} acquired");
        AddRule(c, obligations, state.Regime + ".residents", "US", []);
        var attorneyGeneral = _catalog.Rule(state.Regime + ".ag");
        if (attorneyGeneral.MinSubjects is { } threshold && c.Facts.SubjectCount < threshold)
        {
            c.Decisions.Add($"{state.Statute}: attorney general not notified, fewer than {threshold} affected");
            return;
        }
        obligations.Add(c.Build(attorneyGeneral, attorneyGeneral.Recipient, "US", c.Facts.AwareAt,
            attorneyGeneral.MinSubjects is { } min
                ? [$"{min} or more affected in total (the {state.Jurisdiction} share is not given): assume the threshold is met until counted."]
                : []));
    }
}
