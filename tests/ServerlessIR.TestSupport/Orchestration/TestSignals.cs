using ServerlessIR.Core.Ingestion;

namespace ServerlessIR.TestSupport.Orchestration;

/// <summary>The signal the orchestration tests open incidents with: a BNPL credit-scoring leak in DE and FR.</summary>
public static class TestSignals
{
    public static Signal Leak(string id, DateTimeOffset? at = null) => new()
    {
        Id = id,
        Source = "test",
        Kind = "ai-data-leak",
        OccurredAt = at ?? DateTimeOffset.UtcNow,
        OrgId = "northwind-prod",
        AiSystemId = "bnpl-credit-scoring",
        DataCategories = ["contact", "financial"],
        Jurisdictions = ["DE", "FR"],
        SubjectCount = 12000,
        Malicious = true,
        Summary = "test leak",
        PayloadRef = "blob:raw-alerts/" + id,
        // As from the relay: the orchestration tests check what the pipeline does when nothing is gated by trust.
        Trust = SourceTrust.Trusted,
    };
}
