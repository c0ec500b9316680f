using System.Text.Json.Nodes;
using ServerlessIR.Core.Ingestion;

namespace ServerlessIR.Core.Tests.Ingestion;

public sealed class IngestionLimitsTests
{
    [Fact]
    public void Truncate_LongText_CutToTheLimitWithAMarkerNamingTheLength()
    {
        var cut = IngestionLimits.Truncate(new string('a', 40_000), IngestionLimits.MaxFreeTextChars);

        Assert.Equal(IngestionLimits.MaxFreeTextChars, cut.Length);
        Assert.EndsWith("… [truncated: 40000 chars; full text in raw store]", cut, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncate_TextWithinTheLimit_Unchanged()
    {
        var text = new string('a', IngestionLimits.MaxFreeTextChars);

        Assert.Same(text, IngestionLimits.Truncate(text, IngestionLimits.MaxFreeTextChars));
    }

    [Fact]
    public void Truncate_CutFallsInsideASurrogatePair_PairNotSplit()
    {
        var text = new string('a', 150) + string.Concat(Enumerable.Repeat("\ud83d\ude00", 200));

        var cut = IngestionLimits.Truncate(text, 200);

        Assert.True(cut.Length <= 200);
        var kept = cut[..cut.IndexOf('…', StringComparison.Ordinal)];
        Assert.False(char.IsHighSurrogate(kept[^1]));
    }

    [Fact]
    public void Identifier_OverTheLimit_RejectedNamingTheField()
    {
        var ex = Assert.Throws<SignalRejectedException>(() => IngestionLimits.Identifier(new string('a', 300), 256, "data.UserId"));

        Assert.Equal("data.UserId is 300 characters long; the limit is 256.", ex.Message);
    }

    [Fact]
    public void AiDataLeakSchema_IdentifierLimits_AreIngestionLimits()
    {
        var schema = JsonNode.Parse(AiDataLeakSource.SchemaText)!["properties"]!;

        foreach (var field in new[] { "orgId", "aiSystemId", "connectedApp" })
        {
            Assert.Equal(IngestionLimits.MaxIdentifierChars, (int)schema[field]!["maxLength"]!);
        }
        Assert.Equal(IngestionLimits.MaxIdentifierChars, (int)schema["principal"]!["properties"]!["id"]!["maxLength"]!);
        Assert.Equal(IngestionLimits.MaxListItems, (int)schema["jurisdictions"]!["maxItems"]!);
        Assert.Equal(IngestionLimits.MaxListItems, (int)schema["dataCategories"]!["maxItems"]!);
        Assert.Null(schema["summary"]!["maxLength"]);
    }
}
