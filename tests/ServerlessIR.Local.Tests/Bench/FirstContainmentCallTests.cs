using ServerlessIR.Local.Bench;
using ServerlessIR.StandIns.Salesforce;

namespace ServerlessIR.Local.Tests.Bench;

public sealed class FirstContainmentCallTests
{
    private static readonly DateTimeOffset Answered = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void After_TokenAndEventStorePollsFirst_SkipsThemForTheStepCall()
    {
        RecordedCall[] calls =
        [
            new("POST", "/services/oauth2/token", 200, Answered.AddMilliseconds(100)),
            new("GET", "/services/data/v62.0/query?q=SELECT%20Id%20FROM%20SessionHijackingEventStore", 200, Answered.AddMilliseconds(200)),
            new("GET", "/services/data/v62.0/query?q=SELECT%20Id%2C%20Username%20FROM%20User%20WHERE%20Username%20%3D%20%27a%40x.example%27", 200, Answered.AddMilliseconds(300)),
        ];

        var first = FirstContainmentCall.After(calls, Answered);

        Assert.Equal(Answered.AddMilliseconds(300), first?.At);
    }

    [Fact]
    public void After_CallsOfAnotherIncident_TakesTheOneNamingThisIntegrationUser()
    {
        RecordedCall[] calls =
        [
            new("GET", "/services/data/v62.0/query?q=SELECT%20Id%20FROM%20User%20WHERE%20Username%20%3D%20%27b%40x.example%27", 200, Answered.AddMilliseconds(50)),
            new("GET", "/services/data/v62.0/query?q=SELECT%20Id%20FROM%20User%20WHERE%20Username%20%3D%20%27a%40x.example%27", 200, Answered.AddMilliseconds(80)),
        ];

        var first = FirstContainmentCall.After(calls, Answered, "a@x.example");

        Assert.Equal(Answered.AddMilliseconds(80), first?.At);
    }

    [Fact]
    public void After_OnlyCallsBeforeTheAnswer_Null()
    {
        RecordedCall[] calls = [new("GET", "/services/data/v62.0/query?q=SELECT%20Id%20FROM%20User", 200, Answered.AddSeconds(-1))];

        Assert.Null(FirstContainmentCall.After(calls, Answered));
    }

    [Theory]
    [InlineData(50, 5)]
    [InlineData(95, 10)]
    [InlineData(99, 10)]
    [InlineData(10, 1)]
    public void Percentile_TenValues_NearestRank(double p, double expected)
    {
        double[] sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

        Assert.Equal(expected, LatencyBench.Percentile(sorted, p));
    }
}
