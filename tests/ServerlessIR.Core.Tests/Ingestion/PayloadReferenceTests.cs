using ServerlessIR.Core.Ingestion;

namespace ServerlessIR.Core.Tests.Ingestion;

public sealed class PayloadReferenceTests
{
    [Fact]
    public void Parse_SliceWithHash_RoundTripsEveryPart()
    {
        var text = "blob:raw-alerts/d-0a1b.jsonl#120+45;sha256=" + new string('c', 64);

        var parsed = PayloadReference.Parse(text);

        Assert.Equal("raw-alerts", parsed.Container);
        Assert.Equal("d-0a1b.jsonl", parsed.Blob);
        Assert.Equal(120, parsed.Offset);
        Assert.Equal(45, parsed.Length);
        Assert.Equal(new string('c', 64), parsed.Sha256Hex);
        Assert.True(parsed.IsSlice);
        Assert.Equal(text, parsed.ToString());
    }

    [Fact]
    public void Parse_PerEventReferenceFromBefore_IsAWholeBlob()
    {
        var parsed = PayloadReference.Parse("blob:raw-alerts/0123abcd.json");

        Assert.Equal("0123abcd.json", parsed.Blob);
        Assert.False(parsed.IsSlice);
        Assert.Equal("blob:raw-alerts/0123abcd.json", parsed.ToString());
    }

    [Theory]
    [InlineData("raw-alerts/x.json")]
    [InlineData("blob:raw-alerts")]
    [InlineData("blob:raw-alerts/x.jsonl#12")]
    [InlineData("blob:raw-alerts/x.jsonl#-1+4")]
    public void Parse_Malformed_ThrowsFormatException(string text)
    {
        Assert.Throws<FormatException>(() => PayloadReference.Parse(text));
    }
}
