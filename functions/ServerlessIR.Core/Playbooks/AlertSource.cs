using ServerlessIR.Core.Ingestion;

namespace ServerlessIR.Core.Playbooks;

/// <summary>
/// One alert source the playbook rates: events of <see cref="Kind"/> whose source starts with one of <see cref="Sources"/>
/// (any source when the list is empty) get <see cref="Trust"/>, provided they pass the kind's own check (see
/// <see cref="SourceTrustClassifier"/>). The first matching entry wins.
/// </summary>
public sealed record AlertSource
{
    public required string Name { get; init; }
    public required AlertSourceKind Kind { get; init; }
    public SourceTrust Trust { get; init; } = SourceTrust.Untrusted;

    /// <summary>Prefixes of the event's source (CloudEvent <c>source</c>, or EventGridEvent <c>topic</c> + <c>/</c> + <c>subject</c>).</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];
}
