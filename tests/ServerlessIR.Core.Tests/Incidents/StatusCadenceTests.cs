using ServerlessIR.Core.Incidents;

namespace ServerlessIR.Core.Tests.Incidents;

public sealed class StatusCadenceTests
{
    private static readonly DateTimeOffset Opened = new(2026, 11, 28, 8, 0, 0, TimeSpan.Zero);

    /// <summary>Walks incident time minute by minute, posting whenever a post is due, as the inbox's waiter rings it.</summary>
    private static List<DateTimeOffset> Walk(TimeSpan length, Func<DateTimeOffset, int?> everyMinutes, Func<DateTimeOffset, bool>? open = null)
    {
        var cadence = new StatusCadence(Opened);
        var posts = new List<DateTimeOffset>();
        for (var now = Opened; now <= Opened + length; now = now.AddMinutes(1))
        {
            var every = everyMinutes(now);
            if (cadence.IsDue(now, every, open?.Invoke(now) ?? true))
            {
                cadence = cadence.Posted(now, every!.Value);
                posts.Add(now);
            }
        }
        return posts;
    }

    [Theory]
    [InlineData(120, 12, 6)]
    [InlineData(240, 12, 3)]
    [InlineData(60, 5, 5)]
    public void IsDue_WalkedForHours_PostsPerIncidentHourMatchCadence(int everyMinutes, int hours, int expected)
    {
        var posts = Walk(TimeSpan.FromHours(hours), _ => everyMinutes);

        Assert.Equal(expected, posts.Count);
        Assert.All(posts.Select((p, i) => (p, i)), x => Assert.Equal(Opened.AddMinutes(everyMinutes * (x.i + 1)), x.p));
    }

    [Fact]
    public void Next_NoCadenceForSeverity_Null() =>
        Assert.Null(new StatusCadence(Opened).Next(everyMinutes: null));

    [Fact]
    public void IsDue_AfterClose_NoMorePosts()
    {
        var closedAt = Opened.AddHours(5);

        var posts = Walk(TimeSpan.FromHours(12), _ => 120, now => now < closedAt);

        Assert.Equal([Opened.AddHours(2), Opened.AddHours(4)], posts);
    }

    [Fact]
    public void Posted_SeverityRisesAfterAPost_NextPostAtNewCadenceFromIt()
    {
        var risesAt = Opened.AddHours(5);

        var posts = Walk(TimeSpan.FromHours(10), now => now < risesAt ? 240 : 120);

        // SEV2 every 4 h posts at 4 h; the rise to SEV1 at 5 h takes 2 h from that post: 6 h, 8 h, 10 h.
        Assert.Equal([Opened.AddHours(4), Opened.AddHours(6), Opened.AddHours(8), Opened.AddHours(10)], posts);
    }

    [Fact]
    public void Posted_ThreeTicksLate_OnePostAnchoredOnTheLatestTick()
    {
        var cadence = new StatusCadence(Opened).Posted(Opened.AddMinutes(370), 120);

        Assert.Equal(1, cadence.Posts);
        Assert.Equal(Opened.AddHours(6), cadence.Anchor);
        Assert.Equal(Opened.AddHours(8), cadence.Next(120));
    }
}
