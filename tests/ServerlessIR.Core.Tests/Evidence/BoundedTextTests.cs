using ServerlessIR.Core.Evidence;

namespace ServerlessIR.Core.Tests.Evidence;

public sealed class BoundedTextTests
{
    [Fact]
    public void Truncate_ShortText_ReturnedAsItIs()
    {
        Assert.Equal("a short summary", BoundedText.Truncate("a short summary", 100));
    }

    [Fact]
    public void Truncate_FortyThousandCharacters_CutToMaxWithMarkerNamingTheLength()
    {
        var cut = BoundedText.Truncate(new string('x', 40_000), 2_000);

        Assert.Equal(2_000, cut.Length);
        Assert.StartsWith("xxxx", cut, StringComparison.Ordinal);
        Assert.EndsWith("[truncated: 40000 characters in all]", cut, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncate_SurrogatePairAtTheCut_NotSplit()
    {
        // 1,950 'a' then emoji pairs: the cut falls between the halves of one pair for some pair position.
        for (var lead = 1_940; lead < 1_970; lead++)
        {
            var text = new string('a', lead) + string.Concat(Enumerable.Repeat("\U0001F600", 100));

            var cut = BoundedText.Truncate(text, 2_000);

            Assert.True(cut.Length <= 2_000);
            Assert.DoesNotContain('\uFFFD', cut);
            JsonCanonicalizer.Canonicalize(System.Text.Json.Nodes.JsonValue.Create(cut));
        }
    }

    [Fact]
    public void Truncate_LoneSurrogate_ReplacedSoTheCanonicalizerAcceptsIt()
    {
        var text = "before \uD800 after";
        Assert.ThrowsAny<Exception>(() => JsonCanonicalizer.Canonicalize(System.Text.Json.Nodes.JsonValue.Create(text)));

        var clean = BoundedText.Truncate(text, 100);

        Assert.Equal("before \uFFFD after", clean);
        Assert.Equal("\"before \uFFFD after\"", JsonCanonicalizer.Canonicalize(System.Text.Json.Nodes.JsonValue.Create(clean)));
    }
}
