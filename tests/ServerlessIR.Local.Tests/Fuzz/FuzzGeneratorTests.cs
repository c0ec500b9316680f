using System.Text;
using ServerlessIR.Local.Fuzz;

namespace ServerlessIR.Local.Tests.Fuzz;

/// <summary>The fuzz deliveries: the same for a seed, exactly the events asked for, and every kind of hostility issue 17 names.</summary>
public sealed class FuzzGeneratorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    private static List<FuzzDelivery> Deliveries(int seed, int events) =>
        [.. new FuzzGenerator(FuzzCorpus.Load(Now), seed, Now).Deliveries(events)];

    [Fact]
    public void Deliveries_SameSeed_SameBodiesContentTypesAndIds()
    {
        var first = Deliveries(7, 300);
        var second = Deliveries(7, 300);

        Assert.Equal(first.Count, second.Count);
        for (var i = 0; i < first.Count; i++)
        {
            Assert.Equal((first[i].Kind, first[i].ContentType), (second[i].Kind, second[i].ContentType));
            Assert.Equal(first[i].Body, second[i].Body);
            Assert.Equal(first[i].Events.Select(e => e.Id), second[i].Events.Select(e => e.Id));
        }
    }

    [Fact]
    public void Deliveries_OtherSeed_OtherBodies()
    {
        var one = Deliveries(1, 100).Select(d => Convert.ToBase64String(d.Body));
        var two = Deliveries(2, 100).Select(d => Convert.ToBase64String(d.Body));

        Assert.NotEqual(one, two);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 200)]
    [InlineData(11, 1_000)]
    public void Deliveries_AnyCount_HoldExactlyThatManyEvents(int seed, int events)
    {
        Assert.Equal(events, Deliveries(seed, events).Sum(d => d.Events.Count));
    }

    [Fact]
    public void Deliveries_LongRun_CoverEveryKindOfHostileInput()
    {
        var deliveries = Deliveries(1, 10_000);
        var text = deliveries.Select(d => Encoding.UTF8.GetString(d.Body)).ToList();

        Assert.Contains(deliveries, d => d.ContentType == "application/cloudevents+json");
        Assert.Contains(deliveries, d => d.ContentType == "application/cloudevents-batch+json");
        Assert.Contains(deliveries, d => d.ContentType == "application/json");
        Assert.Contains(deliveries, d => d.Kind == "wrong-content-type" && d.ContentType is not ("application/json" or "application/cloudevents+json" or "application/cloudevents-batch+json"));
        Assert.Contains(deliveries, d => d.Kind == "validation-in-batch" && d.Events.Any(e => e.Role == FuzzEventRole.Alert));
        Assert.Contains(deliveries, d => d.Events.Any(e => e.Role == FuzzEventRole.Lifecycle));
        Assert.Contains(deliveries, d => d.Body.Length > FuzzGenerator.MaxDeliveryBytes);
        Assert.Contains(deliveries, d => d.Events.Count > FuzzGenerator.MaxEventsPerDelivery);
        Assert.Contains(deliveries, d => d.Kind.StartsWith("redelivery of #", StringComparison.Ordinal));
        Assert.Contains(deliveries, d => d.Kind == "not-json");
        Assert.Contains(text, t => t.Contains("\\ud800", StringComparison.Ordinal) || t.Contains("\\udfff", StringComparison.Ordinal));
        Assert.Contains(deliveries, d => !IsValidUtf8(d.Body));
        Assert.Contains(text, t => t.Contains(new string('A', FuzzMutator.HugeStringChars), StringComparison.Ordinal));
        Assert.Contains(text, t => t.Contains("[{\"a\":[{\"a\":[{\"a\":", StringComparison.Ordinal));
        Assert.Contains(text, t => t.Contains("1e400", StringComparison.Ordinal));
        Assert.Contains(deliveries, d => d.Events.Any(e => e.Mutations.Contains("duplicate key", StringComparison.Ordinal)));
        Assert.Contains(deliveries, d => d.Events.Any(e => e.Mutations.Contains("removed", StringComparison.Ordinal)));
        Assert.Contains(deliveries, d => d.Events.Any(e => e.Mutations.Contains("type changed", StringComparison.Ordinal)));
    }

    [Fact]
    public void Deliveries_LongRun_MostAlertsMutatedAndAFewLeftValid()
    {
        var alerts = Deliveries(5, 5_000).SelectMany(d => d.Events).Where(e => e.Role == FuzzEventRole.Alert && e.Origin != "tiny").ToList();

        var untouched = alerts.Count(e => e.Mutations.Length == 0);

        Assert.InRange(untouched, 1, alerts.Count / 10);
    }

    [Fact]
    public void Deliveries_EveryAlert_CarriesARunIdUnlessItsIdWasMutated()
    {
        var alerts = Deliveries(9, 500).SelectMany(d => d.Events).Where(e => e.Role == FuzzEventRole.Alert).ToList();

        Assert.All(alerts, e => Assert.StartsWith("fuzz-9-", e.Id, StringComparison.Ordinal));
        Assert.Contains(alerts, e => e.IdIntact);
        Assert.Contains(alerts, e => !e.IdIntact);
    }

    private static bool IsValidUtf8(byte[] body)
    {
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
