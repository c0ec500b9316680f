using System.Text.Json.Nodes;

namespace ServerlessIR.Local.Drill;

/// <summary>
/// One alert of a scenario, due <see cref="AfterSeconds"/> after the drill starts. By default (<see cref="Kind"/> absent or
/// <c>event</c>) <see cref="Event"/> is a CloudEvent or EventGridEvent posted to the webhook. With kind
/// <c>salesforce-event-store</c>, <see cref="Record"/> is added to the Salesforce stand-in's <see cref="Store"/>, and the local
/// relay finds it there and publishes it, as the SalesforceRelay timer does in Azure. <c>{run}</c> and <c>{now}</c> in its
/// strings become the run ID and the send time. With <see cref="Repeat"/>, the event is sent many times (an alert storm).
/// </summary>
public sealed record ScenarioAlert(double AfterSeconds, JsonObject? Event = null, string? Kind = null, string? Store = null, JsonObject? Record = null,
    ScenarioRepeat? Repeat = null)
{
    public const string EventKind = "event";
    public const string SalesforceEventStoreKind = "salesforce-event-store";

    public bool IsSalesforceEventStore => string.Equals(Kind, SalesforceEventStoreKind, StringComparison.Ordinal);
}
