namespace ServerlessIR.Core.Privacy;

/// <summary>A kind of personal data <see cref="FreeTextScrubber"/> finds in free text.</summary>
public enum PersonalDataKind
{
    Email,
    Phone,
    Card,
    Iban,
}
