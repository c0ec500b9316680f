using System.Text.Json.Nodes;

namespace ServerlessIR.Core.Evidence;

/// <summary>
/// What the orchestration wants recorded: the ledger adds sequence, hashes and wall time.
/// </summary>
/// <param name="Kind">Dotted kind such as <c>signal.received</c>, <c>containment.succeeded</c>, <c>checkpoint.fired</c>.</param>
/// <param name="Actor">Who acted: <c>system</c>, <c>approver:&lt;identity&gt;</c>, or <c>source:&lt;name&gt;</c>.</param>
/// <param name="Summary">One line a person reads in a timeline.</param>
/// <param name="IncidentTime">When it happened in incident time (scale 1).</param>
/// <param name="Payload">Structured detail; never a secret, customer identifiers only as pseudonyms.</param>
public sealed record EvidenceEntry(string Kind, string Actor, string Summary, DateTimeOffset IncidentTime, JsonObject? Payload = null);
