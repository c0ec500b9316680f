namespace ServerlessIR.Core.Assessment;

/// <summary>Switzerland, the AI Act deployer's duty to its provider, and NIS2's notice to the recipients of the services.</summary>
public sealed partial class BreachAssessor
{
    private void Switzerland(Context c, List<Obligation> obligations) =>
        SeriousHarmRegime(c, obligations, c.Countries.Contains("CH"), "CH", "ch-revfadp-art24", "ch-revfadp-art24-individuals",
            "FADP Art. 24: breach of data security likely to lead to a high risk for data subjects in Switzerland",
            "FADP Art. 24 not triggered: the breach of data security is not likely to lead to a high risk",
            [], ["High risk: informing them is taken as required for their protection (Art. 24(4))."]);

    private void AiActDeployer(Context c, List<Obligation> obligations)
    {
        var ai = c.Facts.AiSystem;
        if (ai is null || !ai.SeriousIncident || !ai.Deployer)
        {
            return;
        }
        if (!c.AiHighRisk)
        {
            c.Decisions.Add("EU AI Act Art. 26(5) not applicable: the AI system is not high-risk");
            return;
        }
        var country = c.EuMainEstablishment ?? c.Countries.FirstOrDefault(Jurisdictions.EuMemberStates.Contains);
        if (country is null)
        {
            c.Decisions.Add("EU AI Act Art. 26(5) not applicable: the deployer is not established in, and the incident did not occur in, the EU");
            return;
        }
        var early = c.Facts.AwareAt < AnnexIIIApplicationDate;
        var rule = _catalog.Rule("eu-ai-act-art26-5");
        var provider = $"provider of the AI system '{ai.Id ?? c.PlaybookSystem?.Id ?? "unnamed"}'";
        c.Decisions.Add("EU AI Act Art. 26(5): deployer of a high-risk AI system identified a serious incident; inform the provider first");
        obligations.Add(c.Build(rule, provider, country, c.Facts.AwareAt,
            early ? ["Obligations for Annex III high-risk systems apply from 2 Dec 2027 under the 2026 amendment (verify publication); listed conservatively before that date."] : [],
            verify: early));
    }

    private void Nis2ServiceRecipients(Context c, List<Obligation> obligations)
    {
        // Art. 23(1) follows the significance test of Art. 23(3): it applies exactly when the CSIRT notification does.
        if (!obligations.Any(o => o.Regime == "nis2-notification"))
        {
            return;
        }
        var country = c.EuMainEstablishment ?? c.Countries.FirstOrDefault(Jurisdictions.EuMemberStates.Contains) ?? "EU";
        var affected = new List<string>();
        if (c.Facts.LossOfAvailability) affected.Add("availability");
        if (c.Facts.LossOfIntegrity) affected.Add("integrity");
        if (c.Facts.LossOfConfidentiality) affected.Add("confidentiality of the recipients' data");
        c.Decisions.Add("NIS2 Art. 23(1): significant incident; where appropriate, tell the recipients of the services it is likely to affect");
        AddRule(c, obligations, "nis2-art23-1-recipients", country,
            [affected.Count == 0
                ? "No loss of availability, integrity or confidentiality recorded: decide whether the incident is likely to affect the services ('where appropriate')."
                : $"Likely to affect the services through the loss of {string.Join(", ", affected)}."]);
    }
}
