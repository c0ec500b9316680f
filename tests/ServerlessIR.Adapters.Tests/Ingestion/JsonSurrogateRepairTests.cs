using System.Text;
using ServerlessIR.Adapters.Ingestion;

namespace ServerlessIR.Adapters.Tests.Ingestion;

public sealed class JsonSurrogateRepairTests
{
    private static (string Body, int Replaced) Repair(string json)
    {
        var (body, replaced) = JsonSurrogateRepair.Repair(Encoding.UTF8.GetBytes(json));
        return (Encoding.UTF8.GetString(body.Span), replaced);
    }

    [Theory]
    [InlineData("""{"a":"\ud800"}""", """{"a":"\ufffd"}""", 1)]
    [InlineData("""{"a":"\udc00x"}""", """{"a":"\ufffdx"}""", 1)]
    [InlineData("""{"a":"\ud800\ud800"}""", """{"a":"\ufffd\ufffd"}""", 2)]
    [InlineData("""{"\ud800":1}""", """{"\ufffd":1}""", 1)]
    [InlineData("""{"a":"\uDBFF"}""", """{"a":"\ufffd"}""", 1)]
    [InlineData("""{"a":"\u0022x\u002B\uDC00"}""", """{"a":"\u0022x\u002B\ufffd"}""", 1)]
    public void Repair_LoneSurrogates_ReplacedInPlace(string json, string expected, int count)
    {
        Assert.Equal((expected, count), Repair(json));
    }

    [Theory]
    [InlineData("""{"a":"\ud83d\ude00"}""")]
    [InlineData("""{"a":"\\ud800"}""")]
    [InlineData("""{"a":"plain","b":[1,2]}""")]
    [InlineData("""{"a":"\u0041\""}""")]
    [InlineData("""{"a":"\u0022\u002B\u00e9"}""")]
    public void Repair_NoLoneSurrogate_Unchanged(string json)
    {
        Assert.Equal((json, 0), Repair(json));
    }
}
