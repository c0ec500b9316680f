using ServerlessIR.Core.Incidents;

namespace ServerlessIR.Core.Tests.Incidents;

public sealed class FormLimitsTests
{
    [Fact]
    public void Table_EveryField_ListedWithItsLimitInDocs()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ServerlessIR.sln")))
        {
            root = root.Parent;
        }
        Assert.NotNull(root);
        var rows = File.ReadAllLines(Path.Combine(root.FullName, "docs", "approvals.md")).Where(l => l.StartsWith('|')).ToList();

        var missing = FormLimits.Table.Where(f => !rows.Any(r => r.StartsWith($"| {f.Field} | {f.Limit}", StringComparison.Ordinal)))
            .Select(f => $"| {f.Field} | {f.Limit}").ToList();

        Assert.True(missing.Count == 0, "docs/approvals.md lacks (or states another limit for):\n" + string.Join("\n", missing));
    }

    [Theory]
    [InlineData("abc\r\ndef", true, "abc\ndef")]
    [InlineData("  tabs\tok  ", true, "tabs\tok")]
    [InlineData("emoji 😀 pair", false, "emoji 😀 pair")]
    public void Check_AcceptableText_Normalised(string value, bool multiline, string expected) =>
        Assert.Equal((expected, (string?)null), FormText.Check("f", value, 20, multiline));

    [Theory]
    [InlineData("one\ntwo", false, "f: a line break at position 3")]
    [InlineData("bell\u0007", true, "f: control character U+0007")]
    [InlineData("123456789012345678901", true, "f: at most 20 characters (got 21)")]
    public void Check_UnacceptableText_ErrorNamesField(string value, bool multiline, string expectedStart)
    {
        var (accepted, error) = FormText.Check("f", value, 20, multiline);
        Assert.Null(accepted);
        Assert.StartsWith(expectedStart, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_LoneSurrogates_RefusedWithPosition()
    {
        // Built at run time: an attribute argument cannot carry a lone surrogate (metadata stores it as U+FFFD).
        Assert.Equal("f: contains a lone UTF-16 surrogate at position 5; send valid Unicode text",
            FormText.Check("f", "lone " + (char)0xD800 + " high", 20, multiline: true).Error);
        Assert.Equal("f: contains a lone UTF-16 surrogate at position 0; send valid Unicode text",
            FormText.Check("f", ((char)0xDC00).ToString(), 20, multiline: true).Error);
    }
}
