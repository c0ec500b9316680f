using System.Globalization;

namespace ServerlessIR.Core.Assessment;

/// <summary>
/// Whether an incident is "significant" under NIS2 Art. 23(3), as Commission Implementing Regulation (EU) 2024/2690 specifies it
/// for the digital providers it covers: the general criteria of Art. 3(1)(a)-(e) and, for online marketplaces (Art. 11), online
/// search engines (Art. 12) and social networking platforms (Art. 13), a compromise of data by a suspectedly malicious action
/// whatever the number of users, or unavailability or a data compromise affecting more than 5 % of the Union users or
/// 1 million of them, whichever is smaller. Entities outside 2024/2690 fall back to Art. 23(3) itself.
/// </summary>
internal static class Nis2Significance
{
    public const string Source =
        "NIS2 Directive (EU) 2022/2555 Art. 23(3); Commission Implementing Regulation (EU) 2024/2690 Art. 3(1), 11, 12, 13";

    /// <summary>The values of <c>organisation.entityType</c>.</summary>
    public static IReadOnlyList<string> EntityTypes { get; } =
        ["online-marketplace", "online-search-engine", "social-networking-platform", "other"];

    private static readonly Dictionary<string, string> DigitalProviderArticles = new(StringComparer.Ordinal)
    {
        ["online-marketplace"] = "Art. 11",
        ["online-search-engine"] = "Art. 12",
        ["social-networking-platform"] = "Art. 13",
    };

    private const long MillionUsers = 1_000_000;
    private const long FinancialLossCapEur = 500_000;

    /// <summary>Decides significance; the reasons name every criterion met, or say none was.</summary>
    /// <param name="facts">The breach facts.</param>
    /// <param name="entityType">The entity type (facts, else playbook); null when nobody said.</param>
    /// <param name="risk">The GDPR risk, standing in for "considerable damage to other persons" outside 2024/2690.</param>
    public static (bool Significant, IReadOnlyList<string> Reasons) Assess(BreachFacts facts, string? entityType, GdprRisk risk)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(risk);
        var met = new List<string>();
        General(facts, met);
        var article = entityType is null ? null : DigitalProviderArticles.GetValueOrDefault(entityType);
        var notes = new List<string>();
        if (article is not null)
        {
            DigitalProvider(facts, article, "", met);
        }
        else if (entityType is null)
        {
            // Missing a 24-hour early warning costs more than one a person strikes: until the type is known, the incident is
            // weighed as a digital provider's would be (the strictest reading) and the reasons say so.
            notes.Add("organisation.entityType not given: weighed as a 2024/2690 digital provider (online marketplace, Art. 11) until it is; set it to decide");
            DigitalProvider(facts, "Art. 11", " (entity type assumed)", met);
        }
        else
        {
            notes.Add("Entity type outside the digital providers of 2024/2690 Art. 11-13: NIS2 Art. 23(3) applies (severe operational disruption or financial loss, or considerable damage to others)");
            if (risk.High)
            {
                met.Add("NIS2 Art. 23(3)(b): capable of causing considerable material or non-material damage to the people whose data were breached (GDPR high risk)");
            }
        }
        if (met.Count == 0)
        {
            return (false, [.. notes, "Not a significant incident: no criterion of 2024/2690 Art. 3(1) or of the entity type's article is met (recurring incidents, Art. 4, are not assessed here)"]);
        }
        return (true, [.. notes, .. met]);
    }

    private static void General(BreachFacts facts, List<string> met)
    {
        var impact = facts.ServiceImpact;
        if (impact is null)
        {
            return;
        }
        var lossCap = facts.Organisation.AnnualTurnoverEur is { } turnover ? Math.Min(FinancialLossCapEur, turnover / 20) : FinancialLossCapEur;
        if (impact.FinancialLossEur is { } loss && loss > lossCap)
        {
            met.Add(string.Create(CultureInfo.InvariantCulture, $"Art. 3(1)(a): financial loss of EUR {loss:N0} exceeds EUR {lossCap:N0} (EUR 500,000 or 5 % of annual turnover, whichever is lower)"));
        }
        if (impact.TradeSecretsExfiltrated)
        {
            met.Add("Art. 3(1)(b): trade secrets exfiltrated or capable of being exfiltrated");
        }
        if (impact.Death)
        {
            met.Add("Art. 3(1)(c): caused or capable of causing a person's death");
        }
        if (impact.HealthDamage)
        {
            met.Add("Art. 3(1)(d): caused or capable of causing considerable damage to a person's health");
        }
        if (impact.SevereOperationalDisruption)
        {
            met.Add("Art. 3(1)(e): successful, suspectedly malicious and unauthorised access capable of causing severe operational disruption");
        }
    }

    private static void DigitalProvider(BreachFacts facts, string article, string qualifier, List<string> met)
    {
        var threshold = facts.Organisation.UnionUsers is { } users ? Math.Min(users / 20, MillionUsers) : MillionUsers;
        var compromised = facts.LossOfConfidentiality || facts.LossOfIntegrity;
        if (compromised && facts.Malicious)
        {
            met.Add($"{article}(c){qualifier}: the confidentiality or integrity of the service's data was compromised by a suspectedly malicious action, whatever the number of users");
        }
        var unavailability = facts.ServiceImpact?.Unavailability;
        var affected = facts.ServiceImpact?.UsersAffected ?? 0;
        if (unavailability is "complete" or "limited" && affected > threshold)
        {
            met.Add(string.Create(CultureInfo.InvariantCulture,
                $"{article}({(unavailability == "complete" ? "a" : "b")}){qualifier}: {unavailability} unavailability for {affected:N0} Union users, more than {threshold:N0} (5 % of Union users or 1 million, whichever is smaller)"));
        }
        var exposed = Math.Max(affected, facts.SubjectCount);
        if (compromised && exposed > threshold)
        {
            met.Add(string.Create(CultureInfo.InvariantCulture,
                $"{article}(d){qualifier}: data compromised for {exposed:N0} Union users, more than {threshold:N0} (5 % of Union users or 1 million, whichever is smaller)"));
        }
    }
}
