using ServerlessIR.Core.Evidence;

namespace ServerlessIR.Core.Tests.Evidence;

public sealed class EvidenceKindsTests
{
    [Fact]
    public void All_EveryKind_DistinctAndDottedLowercase()
    {
        Assert.Equal(EvidenceKinds.All.Count, EvidenceKinds.All.Distinct(StringComparer.Ordinal).Count());
        Assert.All(EvidenceKinds.All, k => Assert.Matches("^[a-z]+\\.[a-z-]+$", k));
        var declared = typeof(EvidenceKinds).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);
        Assert.Equal(declared.Order(StringComparer.Ordinal), EvidenceKinds.All.Order(StringComparer.Ordinal));
    }
}
