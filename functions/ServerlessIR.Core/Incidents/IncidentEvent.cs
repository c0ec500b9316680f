using System.Text.Json.Serialization;
using ServerlessIR.Core.Ticketing;

namespace ServerlessIR.Core.Incidents;

/// <summary>
/// Something that reaches a running incident from outside: a joined signal, amended facts, a false-positive call, a
/// submitted notice. Raised as the external event <see cref="Name"/>; each kind is a subtype carrying its payload, and
/// <see cref="Kinds"/> names it on the wire (<c>"kind"</c>).
/// </summary>
/// <remarks>
/// Each subtype lists itself as a derived type too, and so cannot be sealed (System.Text.Json refuses a sealed polymorphic
/// type): the durable data converter serializes an event by its runtime type, and only a polymorphic contract writes the
/// discriminator the orchestrator's <see cref="IncidentEvent"/> wait reads.
/// An event without a kind (the shape raised before the kinds were typed: a kind string beside its payload as JSON text)
/// arrives as a plain <see cref="IncidentEvent"/> and is recorded as ignored.
/// </remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = KindProperty)]
[JsonDerivedType(typeof(SignalJoinedEvent), Kinds.Signal)]
[JsonDerivedType(typeof(FactsAmendedEvent), Kinds.Facts)]
[JsonDerivedType(typeof(FalsePositiveDeclaredEvent), Kinds.FalsePositive)]
[JsonDerivedType(typeof(NoticeSubmittedEvent), Kinds.NoticeSubmitted)]
[JsonDerivedType(typeof(SignalsPendingEvent), Kinds.SignalsPending)]
[JsonDerivedType(typeof(TaskCreatedEvent), Kinds.TaskCreated)]
[JsonDerivedType(typeof(TaskResolvedEvent), Kinds.TaskResolved)]
[JsonDerivedType(typeof(CloseRequestedEvent), Kinds.Close)]
[JsonDerivedType(typeof(TicketClosedEvent), Kinds.TicketClosed)]
[JsonDerivedType(typeof(TwoPersonRejectedEvent), Kinds.TwoPersonRejected)]
public record IncidentEvent
{
    /// <summary>The external event name on the orchestration.</summary>
    public const string Name = "incident-event";

    /// <summary>The JSON member that carries the kind.</summary>
    public const string KindProperty = "kind";

    /// <summary>The kinds' wire names.</summary>
    public static class Kinds
    {
        public const string Signal = "signal";
        public const string Facts = "facts";
        public const string FalsePositive = "false-positive";
        public const string NoticeSubmitted = "notice-submitted";
        public const string SignalsPending = "signals-pending";
        public const string TaskCreated = "task-created";
        public const string TaskResolved = "task-resolved";
        public const string Close = "close";
        public const string TicketClosed = "ticket-closed";
        public const string TwoPersonRejected = "two-person-rejected";
    }
}
