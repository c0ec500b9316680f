using ServerlessIR.Core.Assessment;

namespace ServerlessIR.Core.Tests.Assessment;

/// <summary>Breach facts for tests: a baseline the tests vary with <c>with</c>.</summary>
internal static class Facts
{
    public static readonly DateTimeOffset AwareAt = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    /// <summary>A malicious exfiltration of contact, behavioural and financial data of customers in Germany and France.</summary>
    public static BreachFacts Exfiltration => new()
    {
        AwareAt = AwareAt,
        Jurisdictions = ["DE", "FR"],
        DataCategories = ["contact", "behavioural", "financial"],
        SubjectCount = 12000,
        Malicious = true,
        LossOfConfidentiality = true,
    };
}
