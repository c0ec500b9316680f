namespace ServerlessIR.Core.Assessment;

/// <summary>
/// Unintelligible data (EDPB Guidelines 9/2022, the revised WP250, section II.D): a confidentiality breach of data encrypted or
/// hashed to the state of the art, with the key safe and a copy intact, need not be notified. The key must be safe, so
/// <see cref="BreachFacts.KeyCompromised"/> true undoes it; the copy must be intact, so a loss of availability or integrity
/// keeps the breach in the ENISA assessment (EDPB Guidelines 01/2021 case 01 is such an availability breach).
/// </summary>
internal static class UnintelligibleData
{
    public const string Source = "EDPB Guidelines 9/2022 (WP250 rev.) section II.D; EDPB Guidelines 01/2021 cases 06 and 10; GDPR Art. 34(3)(a)";

    /// <summary>The data are unintelligible to whoever got them: encrypted or hashed, and the key not compromised.</summary>
    public static bool Holds(BreachFacts facts) => facts.Unintelligible && facts.KeyCompromised != true;

    /// <summary>Only the confidentiality of unintelligible data was lost: not notifiable, whatever the circumstances and intent.</summary>
    public static bool ExemptsNotification(BreachFacts facts) =>
        Holds(facts) && !facts.LossOfIntegrity && !facts.LossOfAvailability;

    public const string ExemptionReason =
        "Not notifiable: only the confidentiality of unintelligible data was lost (state-of-the-art encryption or hashing, key not compromised, a copy intact); breach circumstances and malicious intent do not change that (EDPB Guidelines 9/2022 II.D). Record it under Art. 33(5)";
}
