using ServerlessIR.Core.Evidence;

namespace ServerlessIR.Core.Tests.Evidence;

public sealed class PseudonymizerTests
{
    private static readonly byte[] Key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void Pseudonymize_SameKeySameValue_Stable()
    {
        var a = new Pseudonymizer(Key).Pseudonymize("jane.doe@example.com");
        var b = new Pseudonymizer(Key).Pseudonymize("jane.doe@example.com");

        Assert.Equal(a, b);
        Assert.Matches("^psn:[a-z2-7]{20}$", a);
    }

    [Fact]
    public void Pseudonymize_EmailCase_Ignored()
    {
        var p = new Pseudonymizer(Key);

        Assert.Equal(p.Pseudonymize("jane.doe@example.com"), p.Pseudonymize(" Jane.Doe@Example.COM "));
    }

    [Fact]
    public void Pseudonymize_SalesforceIdCase_Kept()
    {
        var p = new Pseudonymizer(Key);

        Assert.NotEqual(p.Pseudonymize("003xx000004TmiQ"), p.Pseudonymize("003xx000004TMIQ"));
    }

    [Fact]
    public void Pseudonymize_OtherKey_OtherPseudonym()
    {
        var other = Key.Select(b => (byte)(b + 1)).ToArray();

        Assert.NotEqual(new Pseudonymizer(Key).Pseudonymize("003xx000004TmiQ"), new Pseudonymizer(other).Pseudonymize("003xx000004TmiQ"));
    }

    [Fact]
    public void Pseudonymize_InputShapedLikeAPseudonym_HashedLikeAnyOther()
    {
        var p = new Pseudonymizer(Key);
        var victim = p.Pseudonymize("0055g00000VICTIM");

        // An alert that names the victim's pseudonym as its principal must not correlate as the victim.
        var steered = p.Pseudonymize(victim);

        Assert.NotEqual(victim, steered);
        Assert.True(Pseudonymizer.IsPseudonym(steered));
    }

    [Theory]
    [InlineData("psn:abcdefghijklmnopqrst", true)]
    [InlineData("psn:abcdefghijklmnopqrs", false)]
    [InlineData("psn:ABCDEFGHIJKLMNOPQRST", false)]
    [InlineData("psn:abcdefghijklmnopq01", false)]
    public void IsPseudonym_Shapes_AsExpected(string value, bool expected) =>
        Assert.Equal(expected, Pseudonymizer.IsPseudonym(value));

    [Fact]
    public void Constructor_ShortKey_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Pseudonymizer(new byte[16]));
    }
}
