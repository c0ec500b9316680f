using ServerlessIR.Core.Evidence;

namespace ServerlessIR.Core.Tests.Evidence;

public sealed class RetentionPolicyTests
{
    private static readonly DateTimeOffset From = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly RetentionPolicy policy = new(new RetentionOptions());

    [Theory]
    [InlineData("eu-ai-act-art73", 2027, 6, 1)]
    [InlineData("ca-pipeda", 2028, 12, 1)]
    [InlineData("br-lgpd", 2031, 12, 1)]
    [InlineData("us-hipaa", 2032, 12, 1)]
    [InlineData("gdpr-art33", 2031, 12, 1)]
    public void RetainUntil_SingleRegime_ItsPeriod(string regime, int year, int month, int day)
    {
        Assert.Equal(new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero), policy.RetainUntil(From, [regime]));
    }

    [Fact]
    public void RetainUntil_SeveralRegimes_LongestWins()
    {
        Assert.Equal(From.AddYears(6), policy.RetainUntil(From, ["eu-ai-act-art73", "us-hipaa", "gdpr-art33"]));
    }

    [Fact]
    public void RetainUntil_NoRegime_DefaultFiveYears()
    {
        Assert.Equal(From.AddYears(5), policy.RetainUntil(From, []));
    }

    [Fact]
    public void RetainUntil_Configured_Overrides()
    {
        var options = new RetentionOptions { DefaultMonths = 12 };
        options.MonthsByRegime["eu-ai-act"] = 120;

        Assert.Equal(From.AddYears(10), new RetentionPolicy(options).RetainUntil(From, ["eu-ai-act-art73"]));
    }
}
