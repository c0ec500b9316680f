using ServerlessIR.Core.Notifications;

namespace ServerlessIR.Core.Tests.Notifications;

public sealed class DeadlineTextTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(90, "1 h 30 min left")]
    [InlineData(-20, "overdue by 20 min")]
    [InlineData(60 * 25, "1 d 1 h left")]
    public void TimeLeft_FormatsSpan(int minutes, string expected) =>
        Assert.Equal(expected, DeadlineText.TimeLeft(Now.AddMinutes(minutes), Now));

    [Fact]
    public void TimeLeft_NoDeadline_SaysSo() =>
        Assert.Equal("no fixed deadline", DeadlineText.TimeLeft(null, Now));
}
