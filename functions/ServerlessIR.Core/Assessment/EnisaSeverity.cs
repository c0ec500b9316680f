using System.Globalization;

namespace ServerlessIR.Core.Assessment;

/// <summary>
/// ENISA "Recommendations for a methodology of the assessment of severity of personal data breaches" (2013):
/// SE = DPC x EI + CB. The tables and our choices for mapping breach facts onto them are in docs/severity.md.
/// </summary>
public static class EnisaSeverity
{
    /// <summary>Level names, lowest first.</summary>
    public static IReadOnlyList<string> Levels { get; } = ["low", "medium", "high", "very-high"];

    // DPC base per data category (ENISA section 3.1). Categories ENISA does not name are placed by what they let an
    // attacker do: credentials and identity documents enable account takeover and identity theft, like financial data.
    private static readonly Dictionary<string, (double Score, string Why)> DpcBase = new(StringComparer.Ordinal)
    {
        ["contact"] = (1, "simple data"),
        ["behavioural"] = (2, "behavioural data"),
        ["location"] = (2, "behavioural data (location)"),
        ["financial"] = (3, "financial data"),
        ["payment-card"] = (3, "financial data (payment card)"),
        ["credentials"] = (3, "credentials, scored as financial: they open accounts with stored payment means"),
        ["identity-document"] = (3, "identity document, scored as financial: enables identity theft"),
        ["special-category"] = (4, "sensitive data (GDPR Art. 9 special category)"),
    };

    /// <summary>Scores the facts of a breach.</summary>
    public static EnisaScore Assess(BreachFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var rationale = new List<string>();
        var dpc = DataProcessingContext(facts, rationale);
        var ei = EaseOfIdentification(facts, rationale);
        var cb = Circumstances(facts, rationale);
        var score = Math.Round(dpc * ei + cb, 4);
        var level = LevelOf(score);
        rationale.Add(string.Create(CultureInfo.InvariantCulture, $"SE = DPC x EI + CB = {dpc:0.##} x {ei:0.##} + {cb:0.##} = {score:0.##} -> {level}"));
        return new EnisaScore(dpc, ei, cb, score, level, rationale);
    }

    /// <summary>The half-open ENISA level: SE &lt; 2 low, 2 &lt;= SE &lt; 3 medium, 3 &lt;= SE &lt; 4 high, SE &gt;= 4 very high.</summary>
    public static string LevelOf(double score) => score switch
    {
        < 2 => "low",
        < 3 => "medium",
        < 4 => "high",
        _ => "very-high",
    };

    private static double DataProcessingContext(BreachFacts facts, List<string> rationale)
    {
        var known = facts.DataCategories.Where(DpcBase.ContainsKey).ToList();
        double dpc;
        if (known.Count == 0)
        {
            // Unknown data must not score as harmless: behavioural is the middle of the scale.
            dpc = 2;
            rationale.Add("DPC base 2: data categories unknown, scored as behavioural until known");
        }
        else
        {
            var top = known.OrderByDescending(c => DpcBase[c].Score).First();
            dpc = DpcBase[top].Score;
            rationale.Add(string.Create(CultureInfo.InvariantCulture, $"DPC base {dpc:0.##}: {DpcBase[top].Why} ('{top}'), the highest of [{string.Join(", ", known)}]"));
        }
        if (facts.DataCategories.Contains("children") && dpc < 4)
        {
            // ENISA raises the score where the data concern vulnerable individuals.
            dpc += 1;
            rationale.Add("DPC +1: data concern children (vulnerable individuals)");
        }
        return Math.Min(dpc, 4);
    }

    private static double EaseOfIdentification(BreachFacts facts, List<string> rationale)
    {
        if (UnintelligibleData.Holds(facts))
        {
            rationale.Add("EI 0.25 (negligible): data unintelligible to the recipient (state-of-the-art encryption or hashing, key not compromised)");
            return 0.25;
        }
        if (facts.Unintelligible)
        {
            rationale.Add("Data were encrypted or hashed but the key was compromised: scored as intelligible (EDPB Guidelines 9/2022 II.D)");
        }
        var categories = facts.DataCategories;
        if (categories.Any(c => c is "contact" or "identity-document" or "credentials"))
        {
            rationale.Add("EI 1 (maximum): contact, identity or account data identify the person directly");
            return 1;
        }
        if (categories.Any(c => c is "financial" or "payment-card"))
        {
            rationale.Add("EI 0.75 (significant): account or card numbers identify the person with data the holder's bank or merchants have");
            return 0.75;
        }
        rationale.Add("EI 0.5 (limited): no direct identifiers among the categories; identification needs further data");
        return 0.5;
    }

    private static double Circumstances(BreachFacts facts, List<string> rationale)
    {
        // Without facts about recipients or recoverability we take ENISA's higher value whenever intent was malicious
        // (unknown recipients, data possibly altered for misuse) and the lower one otherwise.
        var weight = facts.Malicious ? 0.5 : 0.25;
        var cb = 0.0;
        if (facts.LossOfConfidentiality && UnintelligibleData.Holds(facts))
        {
            // The recipient holds only ciphertext or hashes: nothing of the person was disclosed (EDPB Guidelines 9/2022 II.D).
            rationale.Add("CB +0 loss of confidentiality: only unintelligible data left the controller's control");
        }
        else if (facts.LossOfConfidentiality)
        {
            var known = facts.RecipientsKnown ?? !facts.Malicious;
            cb += known ? 0.25 : 0.5;
            rationale.Add(known
                ? "CB +0.25 loss of confidentiality: data exposed to known recipients"
                : "CB +0.5 loss of confidentiality: data exposed to unknown recipients");
        }
        if (facts.LossOfIntegrity)
        {
            cb += weight;
            rationale.Add(string.Create(CultureInfo.InvariantCulture, $"CB +{weight} loss of integrity"));
        }
        if (facts.LossOfAvailability)
        {
            cb += weight;
            rationale.Add(string.Create(CultureInfo.InvariantCulture, $"CB +{weight} loss of availability"));
        }
        if (facts.Malicious)
        {
            cb += 0.5;
            rationale.Add("CB +0.5 malicious intent");
        }
        if (cb == 0 && !facts.LossOfConfidentiality)
        {
            rationale.Add("CB 0: no loss of confidentiality, integrity or availability and no malicious intent reported");
        }
        return cb;
    }
}
