using Microsoft.DurableTask;

namespace ServerlessIR.Core.Evidence;

/// <summary>
/// Verifies the incident's chain and writes its head to every anchor store, with the retain-until
/// date the applying regimes require, signed by the configured <see cref="IAnchorSigner"/> (Key Vault) when there is one.
/// Called by the orchestrator after containment, after every approval decision, at each checkpoint and at close.
/// </summary>
/// <remarks>
/// Runs at least once. Anchors are keyed by record count, so a retry after a partial write finds
/// the same head and gets the stored anchor back from each store. A broken chain is never anchored:
/// that would make tampered evidence look witnessed. The chain is verified from the last anchor on
/// (<see cref="EvidenceVerifier.VerifyFrom"/>): the record it witnessed must still hash to its head and
/// each later record chain to it, so an anchor costs the records since the last one, not the whole chain.
/// A change before the last anchor is not looked for here; it shows against that anchor whenever the
/// whole chain is verified (<c>ir verify</c>, the report, the evidence export), and anchoring the head
/// after it does not hide it.
/// </remarks>
[DurableTask(nameof(AnchorEvidenceActivity))]
public sealed class AnchorEvidenceActivity(
    IEvidenceLedger ledger,
    IEnumerable<IEvidenceAnchorStore> anchorStores,
    RetentionPolicy retention,
    TimeProvider timeProvider,
    IEnumerable<IAnchorSigner> signers) : TaskActivity<AnchorRequest, AnchorResult>
{
    public override async Task<AnchorResult> RunAsync(TaskActivityContext context, AnchorRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var stores = anchorStores.ToList();
        var existing = stores.Count > 0 ? await stores[0].ReadAsync(input.IncidentId) : [];

        // From the last anchor when there is one: the chain before it was verified when it was taken.
        var verification = existing.MaxBy(a => a.RecordCount) is { } last
            ? EvidenceVerifier.VerifyFrom(input.IncidentId, last, await ledger.ReadFromAsync(input.IncidentId, last.RecordCount), existing.Count)
            : EvidenceVerifier.Verify(input.IncidentId, await ledger.ReadAsync(input.IncidentId));
        if (!verification.Verified)
        {
            throw new InvalidOperationException(
                $"Refusing to anchor incident '{input.IncidentId}': sequence {verification.FirstBadSequence}: {verification.Problem}");
        }

        var now = timeProvider.GetUtcNow();
        var regimes = input.Regimes ?? [];
        var anchor = new EvidenceAnchor(
            input.IncidentId,
            verification.Records,
            verification.HeadHash!,
            input.Reason,
            now,
            retention.RetainUntil(now, regimes),
            regimes);
        if (signers.FirstOrDefault() is { } signer)
        {
            anchor = anchor with { Signature = await signer.SignAsync(AnchorSigning.Digest(anchor)) };
        }

        EvidenceAnchor? stored = null;
        foreach (var store in stores)
        {
            var result = await store.AddAsync(anchor);
            stored ??= result;
        }

        // On a retry the stores hand back the first anchor, whose retain-until is the one to report.
        var final = stored ?? anchor;
        return new AnchorResult(final.RecordCount, final.HeadHash, final.RetainUntil);
    }
}
