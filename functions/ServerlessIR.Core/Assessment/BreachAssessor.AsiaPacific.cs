namespace ServerlessIR.Core.Assessment;

/// <summary>Australia, Japan, South Korea and India.</summary>
public sealed partial class BreachAssessor
{
    private void Australia(Context c, List<Obligation> obligations) =>
        SeriousHarmRegime(c, obligations, c.Countries.Contains("AU"), "AU", "au-ndb-26wk", "au-ndb-26wl",
            "Privacy Act 1988 s. 26WK, 26WL: eligible data breach of individuals in Australia (serious harm likely)",
            "Privacy Act 1988 Part IIIC not triggered: no eligible data breach (serious harm not likely, s. 26WE; remedial action or unintelligible data, s. 26WF)",
            ["Applies to APP entities (annual turnover above AUD 3 million, or an exception in s. 6D): confirm the organisation is one."], []);

    private void Japan(Context c, List<Obligation> obligations)
    {
        if (!c.Countries.Contains("JP"))
        {
            return;
        }
        var reasons = new List<string>();
        var categories = c.Facts.DataCategories;
        if (categories.Contains("special-category"))
        {
            reasons.Add("special care-required personal information (Rules Art. 7(1))");
        }
        if (categories.Any(d => d is "payment-card" or "financial" or "credentials"))
        {
            reasons.Add("data whose misuse may cause property damage (Rules Art. 7(2))");
        }
        if (c.Facts.Malicious)
        {
            reasons.Add("a leakage possibly committed for an unauthorised purpose (Rules Art. 7(3))");
        }
        if (c.Facts.SubjectCount > 1000)
        {
            reasons.Add("more than 1,000 persons (Rules Art. 7(4); total count, JP share not given)");
        }
        if (c.Facts.Unintelligible || reasons.Count == 0)
        {
            c.Decisions.Add(c.Facts.Unintelligible
                ? "APPI Art. 26 not triggered: the personal data were protected by advanced encryption (Rules Art. 7, parenthetical)"
                : "APPI Art. 26 not triggered: none of the situations of Enforcement Rules Art. 7");
            return;
        }
        c.Decisions.Add($"APPI Art. 26: reportable leakage of personal data of persons in Japan: {string.Join("; ", reasons)}");
        AddRule(c, obligations, "jp-appi-art26-preliminary", "JP", []);
        var final = _catalog.Variant("jp-appi-art26-final", c.Facts.Malicious ? "unauthorised-purpose" : "general")!;
        obligations.Add(c.Build(final, final.Recipient, "JP", c.Facts.AwareAt, []));
        AddRule(c, obligations, "jp-appi-art26-individuals", "JP", []);
    }

    private void SouthKorea(Context c, List<Obligation> obligations)
    {
        if (!c.Countries.Contains("KR"))
        {
            return;
        }
        // PIPA has no risk threshold for telling data subjects: any loss, theft or leak of personal information counts.
        c.Decisions.Add("PIPA Art. 34(1): personal information of data subjects in South Korea leaked; notify them");
        AddRule(c, obligations, "kr-pipa-art34-individuals", "KR",
            c.Facts.Unintelligible ? ["The data were encrypted: PIPA has no express exemption; confirm with the PIPC guidance whether the key's safety spares the notice."] : []);
        var large = c.Facts.SubjectCount >= 1000;
        var sensitive = c.Facts.DataCategories.Any(d => d is "special-category" or "identity-document");
        if (!large && !sensitive && !c.Facts.Malicious)
        {
            c.Decisions.Add("PIPA Art. 34(3) report not required: fewer than 1,000 data subjects, no sensitive or unique identifying information, no unauthorised external access");
            return;
        }
        AddRule(c, obligations, "kr-pipa-art34-pipc", "KR",
            [$"Reportable under the Enforcement Decree: {(large ? "1,000 or more data subjects (total count)" : sensitive ? "sensitive or unique identifying information" : "leak through unauthorised external access")}."]);
    }

    private void India(Context c, List<Obligation> obligations)
    {
        if (!c.Countries.Contains("IN"))
        {
            return;
        }
        // The DPDP Act has no harm threshold: every personal data breach is intimated to the Board and each Data Principal.
        c.Decisions.Add("DPDP Act s. 8(6), Rules 2025 r. 7: personal data breach affecting Data Principals in India");
        AddRule(c, obligations, "in-dpdp-rule7-intimation", "IN", []);
        AddRule(c, obligations, "in-dpdp-rule7-report", "IN", []);
        AddRule(c, obligations, "in-dpdp-rule7-individuals", "IN", []);
    }
}
