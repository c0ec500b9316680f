using System.Text;
using System.Text.Json.Nodes;
using ServerlessIR.Core.Evidence;

namespace ServerlessIR.Core.Tests.Evidence;

public sealed class JsonCanonicalizerTests
{
    // IEEE-754 bit patterns and their ECMAScript serialization, as listed in RFC 8785 appendix B
    // (cross-checked with node's Number.prototype.toString).
    [Theory]
    [InlineData("0000000000000000", "0")]
    [InlineData("8000000000000000", "0")]
    [InlineData("0000000000000001", "5e-324")]
    [InlineData("8000000000000001", "-5e-324")]
    [InlineData("7fefffffffffffff", "1.7976931348623157e+308")]
    [InlineData("ffefffffffffffff", "-1.7976931348623157e+308")]
    [InlineData("4340000000000000", "9007199254740992")]
    [InlineData("c340000000000000", "-9007199254740992")]
    [InlineData("4430000000000000", "295147905179352830000")]
    [InlineData("44b52d02c7e14af5", "9.999999999999997e+22")]
    [InlineData("44b52d02c7e14af6", "1e+23")]
    [InlineData("44b52d02c7e14af7", "1.0000000000000001e+23")]
    [InlineData("444b1ae4d6e2ef4e", "999999999999999700000")]
    [InlineData("444b1ae4d6e2ef4f", "999999999999999900000")]
    [InlineData("444b1ae4d6e2ef50", "1e+21")]
    [InlineData("3eb0c6f7a0b5ed8c", "9.999999999999997e-7")]
    [InlineData("3eb0c6f7a0b5ed8d", "0.000001")]
    [InlineData("41b3de4355555553", "333333333.3333332")]
    [InlineData("41b3de4355555554", "333333333.33333325")]
    [InlineData("41b3de4355555555", "333333333.3333333")]
    [InlineData("41b3de4355555556", "333333333.3333334")]
    [InlineData("41b3de4355555557", "333333333.33333343")]
    [InlineData("becbf647612f3696", "-0.0000033333333333333333")]
    [InlineData("43143ff3c1cb0959", "1424953923781206.2")]
    public void FormatNumber_Rfc8785AppendixB_MatchesEcmaScript(string bits, string expected)
    {
        var value = BitConverter.Int64BitsToDouble(Convert.ToInt64(bits, 16));

        Assert.Equal(expected, JsonCanonicalizer.FormatNumber(value));
    }

    [Theory]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(1.5e-7, "1.5e-7")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(-0.5, "-0.5")]
    [InlineData(100, "100")]
    [InlineData(4.5, "4.5")]
    public void FormatNumber_BoundaryValues_MatchesEcmaScript(double value, string expected)
    {
        Assert.Equal(expected, JsonCanonicalizer.FormatNumber(value));
    }

    [Fact]
    public void FormatNumber_NegativeZero_PrintsZero()
    {
        Assert.Equal("0", JsonCanonicalizer.FormatNumber(-0.0));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void FormatNumber_NonFinite_Throws(double value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => JsonCanonicalizer.FormatNumber(value));
    }

    [Fact]
    public void Canonicalize_Rfc8785MainExample_MatchesExpectedOutput()
    {
        // RFC 8785 section 3.2.2 input, written with the same escapes.
        const string input = """
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """;
        const string expected = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";

        Assert.Equal(expected, JsonCanonicalizer.Canonicalize(input));
    }

    [Fact]
    public void Canonicalize_Rfc8785MainExample_Utf8BytesMatch()
    {
        const string input = """{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],"string":"\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/","literals":[null,true,false]}""";

        var hex = Convert.ToHexStringLower(JsonCanonicalizer.CanonicalizeToUtf8(JsonNode.Parse(input)));

        Assert.Equal(
            "7b226c69746572616c73223a5b6e756c6c2c747275652c66616c73655d2c226e756d62657273223a5b3333333333333333332e333333333333332c31652b33302c342e352c302e3030322c31652d32375d2c22737472696e67223a22e282ac245c75303030665c6e4127425c225c5c5c5c5c222f227d",
            hex);
    }

    [Fact]
    public void Canonicalize_PropertyNames_SortedByUtf16CodeUnits()
    {
        // RFC 8785 section 3.2.3: the emoji (surrogates D83D DE00) sorts before U+FB33 by code unit,
        // although its code point is higher.
        const string input = """
            {"\u20ac":"Euro Sign","\r":"Carriage Return","\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One",
             "\ud83d\ude00":"Emoji: Grinning Face","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis"}
            """;

        var canonical = JsonCanonicalizer.Canonicalize(input);

        var keys = JsonNode.Parse(canonical)!.AsObject().Select(p => p.Key).ToArray();
        Assert.Equal(["\r", "1", "\u0080", "\u00f6", "\u20ac", "\ud83d\ude00", "\ufb33"], keys);
        Assert.StartsWith("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\"", canonical, StringComparison.Ordinal);
    }

    [Fact]
    public void Canonicalize_NestedObjectsAndArrays_SortsMembersKeepsArrayOrder()
    {
        var node = new JsonObject
        {
            ["b"] = new JsonArray(3, 1, 2),
            ["a"] = new JsonObject { ["z"] = true, ["y"] = null, ["x"] = "s" },
        };

        Assert.Equal("{\"a\":{\"x\":\"s\",\"y\":null,\"z\":true},\"b\":[3,1,2]}", JsonCanonicalizer.Canonicalize(node));
    }

    [Fact]
    public void Canonicalize_ClrNumbers_SerializedAsDoubles()
    {
        var node = new JsonObject { ["int"] = 10, ["long"] = 9007199254740993L, ["decimal"] = 4.50m, ["double"] = 1e21 };

        Assert.Equal("{\"decimal\":4.5,\"double\":1e+21,\"int\":10,\"long\":9007199254740992}", JsonCanonicalizer.Canonicalize(node));
    }

    [Fact]
    public void Canonicalize_ControlCharactersAndNonAscii_MinimalEscaping()
    {
        var node = JsonValue.Create("tab\there\u0001 é € 😀 / <>");

        Assert.Equal("\"tab\\there\\u0001 é € 😀 / <>\"", JsonCanonicalizer.Canonicalize(node));
    }

    [Fact]
    public void Canonicalize_LoneSurrogate_Throws()
    {
        var node = JsonValue.Create("bad \ud800 here");

        Assert.Throws<ArgumentException>(() => JsonCanonicalizer.Canonicalize(node));
    }

    [Fact]
    public void Canonicalize_Whitespace_Removed()
    {
        Assert.Equal("{\"a\":[1,2],\"b\":{}}", JsonCanonicalizer.Canonicalize("{ \"b\" : { } ,\n \"a\" : [ 1 , 2 ] }"));
    }

    [Fact]
    public void Canonicalize_SameDataDifferentText_SameBytes()
    {
        var a = Encoding.UTF8.GetString(JsonCanonicalizer.CanonicalizeToUtf8(JsonNode.Parse("{\"x\":1.0,\"y\":\"\\u0041\"}")));
        var b = Encoding.UTF8.GetString(JsonCanonicalizer.CanonicalizeToUtf8(JsonNode.Parse("{\"y\":\"A\",\"x\":1}")));

        Assert.Equal(a, b);
    }
}
