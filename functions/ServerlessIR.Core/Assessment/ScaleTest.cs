using System.Globalization;

namespace ServerlessIR.Core.Assessment;

/// <summary>
/// How many people, weighed apart from the ENISA score as the ENISA 2013 method asks (its SE leaves the number of individuals
/// out). Thresholds and their sources are in docs/severity.md: 100,000 people make a breach of intelligible data high risk (EDPB
/// Guidelines 01/2021 case 11, a stolen unencrypted notebook with basic identity data of more than 100,000 customers: authority
/// and data subjects); 500 people make a risk likely (the scale at which PDPA s. 26B(1)(b) and 45 CFR 164.406/408 make a breach
/// notifiable by its size alone; the EDPB names no lower number).
/// </summary>
internal static class ScaleTest
{
    public const long SignificantScale = 500;
    public const long LargeScale = 100_000;

    public const string Source =
        "ENISA (2013) Recommendations for a methodology of the assessment of severity of personal data breaches (number of individuals weighed outside the score); EDPB Guidelines 01/2021 case 11; Singapore PDPA s. 26B(1)(b) and PDP (Notification of Data Breaches) Regulations 2021 reg. 4; 45 CFR 164.406, 164.408";

    /// <summary>Intelligible personal data were disclosed or altered: the number of people exposed then matters.</summary>
    public static bool Exposes(BreachFacts facts) =>
        (facts.LossOfConfidentiality || facts.LossOfIntegrity) && !UnintelligibleData.Holds(facts);

    public static string LargeReason(long count) => string.Create(CultureInfo.InvariantCulture,
        $"Large scale: {count:N0} people's intelligible data exposed (at least {LargeScale:N0}): high risk whatever the ENISA level (EDPB Guidelines 01/2021 case 11)");

    public static string SignificantReason(long count) => string.Create(CultureInfo.InvariantCulture,
        $"Significant scale: {count:N0} people's intelligible data exposed (at least {SignificantScale:N0}): a risk is likely although ENISA scores low");
}
