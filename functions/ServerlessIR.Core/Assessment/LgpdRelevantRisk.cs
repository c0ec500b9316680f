namespace ServerlessIR.Core.Assessment;

/// <summary>
/// LGPD Art. 48 "relevant risk or damage" as ANPD Resolution CD/ANPD 15/2024 Art. 5 defines it: the incident may significantly
/// affect the data subjects' interests and fundamental rights (§1: prevent the exercise of rights or the use of a service, or
/// cause material or moral damage such as discrimination, harm to physical integrity, image or reputation, financial fraud or
/// identity theft) AND it involves at least one of: (I) sensitive data, (II) data of children, adolescents or elderly people,
/// (III) financial data, (IV) authentication data, (V) data under legal, judicial or professional secrecy, (VI) data at large scale.
/// </summary>
internal static class LgpdRelevantRisk
{
    public const string Source = "LGPD (Lei 13.709/2018) Art. 48; Resolução CD/ANPD nº 15/2024 Art. 5";

    /// <summary>Decides relevant risk; the reasons give the significant-effect finding and each Art. 5 criterion met.</summary>
    public static (bool Relevant, IReadOnlyList<string> Reasons) Assess(BreachFacts facts, GdprRisk risk)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(risk);
        // Exposure or alteration of intelligible data that was not contained is what opens the way to fraud, identity theft,
        // discrimination or reputational harm (§1); otherwise the GDPR risk (ENISA with its adjustments) speaks for it.
        var exposed = ScaleTest.Exposes(facts) && !EdpbAdjustments.RecipientContained(facts);
        var significant = risk.Likely || exposed;
        if (!significant)
        {
            return (false, ["LGPD Art. 48 not triggered: the incident cannot significantly affect the data subjects' interests and fundamental rights (Res. 15/2024 Art. 5 §1): no intelligible data exposed or altered and the risk is unlikely"]);
        }
        var criteria = Criteria(facts);
        if (criteria.Count == 0)
        {
            return (false, ["LGPD Art. 48 not triggered: a significant effect is possible, but none of the Res. 15/2024 Art. 5 criteria (sensitive, children/adolescents/elderly, financial, authentication, secrecy, large scale) is met"]);
        }
        return (true, [$"LGPD Art. 48: relevant risk under Res. 15/2024 Art. 5: significant effect on the data subjects ({(exposed ? "intelligible data exposed or altered" : "risk likely")}) and {string.Join("; ", criteria)}"]);
    }

    private static List<string> Criteria(BreachFacts facts)
    {
        var categories = facts.DataCategories;
        var met = new List<string>();
        if (categories.Contains("special-category"))
        {
            met.Add("(I) sensitive data");
        }
        if (categories.Contains("children") || facts.ElderlySubjects)
        {
            met.Add("(II) data of children, adolescents or elderly people");
        }
        if (categories.Any(c => c is "financial" or "payment-card"))
        {
            met.Add("(III) financial data");
        }
        if (categories.Contains("credentials"))
        {
            met.Add("(IV) authentication data");
        }
        if (facts.DataUnderSecrecy)
        {
            met.Add("(V) data under legal, judicial or professional secrecy");
        }
        if (facts.SubjectCount >= ScaleTest.LargeScale)
        {
            // Art. 5 §2 defines large scale by a "significant number" of subjects without a figure: we use GDPR's large scale.
            met.Add($"(VI) large scale ({facts.SubjectCount:N0} data subjects, at least {ScaleTest.LargeScale:N0}; the ANPD gives no figure)");
        }
        return met;
    }
}
