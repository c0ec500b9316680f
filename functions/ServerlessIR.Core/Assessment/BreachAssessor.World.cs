namespace ServerlessIR.Core.Assessment;

/// <summary>
/// The regimes beyond the EU, UK, Brazil, Singapore and the U.S. federal and California rules: one method per regime, in
/// partial files by region (<c>BreachAssessor.AsiaPacific.cs</c>, <c>BreachAssessor.Americas.cs</c>,
/// <c>BreachAssessor.Europe.cs</c>). Periods, recipients and sources are catalog data; docs/regimes.md has the table.
/// </summary>
public sealed partial class BreachAssessor
{
    /// <summary>
    /// Data categories that make up the "personal information" of most U.S. state breach laws (a name plus an account or card
    /// number with its code, a government ID number, health data or login credentials). Each state narrows it where its
    /// statute does.
    /// </summary>
    private static readonly string[] UsStatePersonalInformation = ["financial", "payment-card", "credentials", "identity-document", "special-category"];

    private void World(Context c, List<Obligation> obligations)
    {
        Australia(c, obligations);
        Canada(c, obligations);
        Quebec(c, obligations);
        Switzerland(c, obligations);
        Japan(c, obligations);
        SouthKorea(c, obligations);
        India(c, obligations);
        FtcSafeguards(c, obligations);
        foreach (var state in UsStateLaw.All)
        {
            UsState(c, obligations, state);
        }
        AiActDeployer(c, obligations);
        Nis2ServiceRecipients(c, obligations);
    }

    /// <summary>The "serious harm" / "significant harm" / "high risk" tests of privacy laws outside the EU: ENISA high or above, and data not unintelligible.</summary>
    private static bool SeriousHarmLikely(Context c) => c.HighRiskLevel && !c.Facts.Unintelligible;

    /// <summary>
    /// A privacy law whose authority and individuals are told when serious harm is likely (Australia, Canada, Québec,
    /// Switzerland): both obligations, or the reason neither applies.
    /// </summary>
    private void SeriousHarmRegime(Context c, List<Obligation> obligations, bool concerned, string country, string authorityKey, string individualsKey,
        string triggered, string notTriggered, IReadOnlyList<string> authorityNotes, IReadOnlyList<string> individualsNotes)
    {
        if (!concerned)
        {
            return;
        }
        if (!SeriousHarmLikely(c))
        {
            c.Decisions.Add(notTriggered);
            return;
        }
        c.Decisions.Add(triggered);
        AddRule(c, obligations, authorityKey, country, authorityNotes);
        AddRule(c, obligations, individualsKey, country, individualsNotes);
    }

    private void AddRule(Context c, List<Obligation> obligations, string key, string country, IReadOnlyList<string> notes, bool verify = false)
    {
        var rule = _catalog.Rule(key);
        obligations.Add(c.Build(rule, rule.Recipient, country, c.Facts.AwareAt, notes, verify));
    }
}
