using ServerlessIR.Core.Ingestion;

namespace ServerlessIR.Adapters.Ingestion;

/// <summary>What a webhook body holds: a validation handshake, events, events rejected one by one, or an error for the whole body.</summary>
public sealed record DeliveryParseResult(
    string? ValidationCode,
    IReadOnlyList<IncomingEvent> Events,
    IReadOnlyList<RejectedEvent> Rejected,
    string? Error)
{
    public static DeliveryParseResult Invalid(string error) => new(null, [], [], error);
}
