using Azure.Messaging;
using ServerlessIR.Adapters.Ingestion;
using ServerlessIR.Core.Ingestion;

namespace ServerlessIR.Adapters.Tests.Ingestion;

public sealed class EventGridRelayPublisherTests
{
    private static CloudEvent Event(int i, int dataChars) =>
        new("/salesforce/orgs/o/ApiAnomalyEventStore", "Salesforce.EventMonitoring.ApiAnomalyEvent",
            BinaryData.FromObjectAsJson(new { Summary = new string('s', dataChars) }), "application/json") { Id = "e" + i };

    [Fact]
    public void Batches_PageOfLargeRecords_SplitUnderEventGridsMegabyteInOrder()
    {
        var events = Enumerable.Range(0, 200).Select(i => Event(i, 20_000)).ToList();

        var batches = EventGridRelayPublisher.Batches(events).ToList();

        Assert.True(batches.Count > 1);
        Assert.All(batches, b => Assert.True(b.Sum(e => e.Data!.ToMemory().Length + 256) < IngestionLimits.MaxDeliveryBytes));
        Assert.Equal(events.Select(e => e.Id), batches.SelectMany(b => b).Select(e => e.Id));
    }

    [Fact]
    public void Batches_SmallPage_OneBatch()
    {
        var events = Enumerable.Range(0, 200).Select(i => Event(i, 100)).ToList();

        Assert.Single(EventGridRelayPublisher.Batches(events));
    }
}
