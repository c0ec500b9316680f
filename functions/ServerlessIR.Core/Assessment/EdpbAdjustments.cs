namespace ServerlessIR.Core.Assessment;

/// <summary>
/// Downward adjustments the EDPB makes where the ENISA score overstates the risk. EDPB Guidelines 01/2021 case 09 (a customer
/// list sent by mistake to a trusted third party who deleted it) and case 13 (a web shop's two parcels and packing slips sent to
/// each other's customers, who are asked to return or delete them) are "document only": an accidental disclosure of ordinary
/// data to identified recipients who gave the data back or deleted it is unlikely to result in a risk.
/// </summary>
internal static class EdpbAdjustments
{
    public const string Source = "EDPB Guidelines 01/2021 cases 09 and 13; GDPR Art. 33(1), 33(5)";

    // Data whose disclosure harms even when the recipient is known and cooperative; EDPB case 14 (sensitive data sent by
    // mistake) is notified for this reason.
    private static readonly HashSet<string> HarmfulCategories =
        ["special-category", "financial", "payment-card", "credentials", "identity-document", "children"];

    /// <summary>The disclosure was contained: accidental, to known recipients, data returned or deleted, nothing harmful in it.</summary>
    public static bool RecipientContained(BreachFacts facts) =>
        !facts.Malicious
        && facts.LossOfConfidentiality && !facts.LossOfIntegrity && !facts.LossOfAvailability
        && facts.RecipientsKnown == true && facts.DataRetrieved
        && !facts.DataCategories.Any(HarmfulCategories.Contains)
        && !facts.ElderlySubjects && !facts.DataUnderSecrecy
        && facts.SubjectCount < ScaleTest.LargeScale;

    public const string ContainedReason =
        "Document only: accidental disclosure of ordinary data to known recipients who returned or deleted it is unlikely to result in a risk (EDPB Guidelines 01/2021 cases 09 and 13); record it under Art. 33(5)";
}
