using System.Text.Json;
using System.Text.Json.Nodes;
using ServerlessIR.Core.Evidence;

namespace ServerlessIR.Core.Incidents;

/// <summary>Amended facts from a person: record them, apply a law-enforcement hold, re-assess, and move or add clocks.</summary>
internal sealed class FactsDesk(IncidentRun run)
{
    /// <summary>The longest hold reason kept: it goes into every held obligation's status line in the incident record.</summary>
    public const int MaxHoldReasonChars = 1_000;

    /// <summary>
    /// From revision 5 the amendment's evidence, the hold's, the re-assessment's and the record go out in one journal after
    /// the re-assessment (<see cref="IncidentRun.InEventJournal"/>): two round trips, where an append, the re-assessment,
    /// another append and a record write ran one after another.
    /// </summary>
    public Task AmendAsync(FactsAmendment amendment) => run.InEventJournal(() => ApplyAsync(amendment));

    private async Task ApplyAsync(FactsAmendment amendment)
    {
        amendment = Bounded(amendment);
        run.Amend(amendment);
        var by = amendment.AmendedBy ?? "unknown";
        await run.Evidence(EvidenceKinds.FactsAmended, "person:" + by, amendment.Note ?? "Facts amended",
            JsonSerializer.SerializeToNode(amendment, JsonSerializerOptions.Web)!.AsObject());
        if (amendment.LawEnforcementHold is { } hold)
        {
            await ApplyHoldAsync(hold with { RecordedAt = run.Now }, amendment.Approval);
        }
        if (!amendment.OnlyHold)
        {
            await run.Reassess("facts amended by " + by);
        }
        await run.Publish();
    }

    /// <summary>
    /// The amendment with its free text bounded: the edges bound it too, but the orchestration is the last line, and a
    /// hold reason is copied into each obligation it covers.
    /// </summary>
    private static FactsAmendment Bounded(FactsAmendment amendment) => amendment with
    {
        AmendedBy = BoundedText.TruncateOptional(amendment.AmendedBy, EvidenceLimits.MaxActorChars),
        Note = BoundedText.TruncateOptional(amendment.Note, EvidenceLimits.MaxSummaryChars),
        LawEnforcementHold = amendment.LawEnforcementHold is { } hold
            ? hold with
            {
                RequestedBy = BoundedText.Truncate(hold.RequestedBy ?? "unknown", EvidenceLimits.MaxActorChars),
                Reason = BoundedText.Truncate(hold.Reason ?? "", MaxHoldReasonChars),
            }
            : null,
    };

    private async Task ApplyHoldAsync(LawEnforcementHold hold, Approvals.DualApproval? approval)
    {
        var covered = run.State.Obligations.ApplyHold(hold, run.Now);
        var kind = hold.Lift ? EvidenceKinds.ObligationHoldLifted : EvidenceKinds.ObligationHeld;
        var actor = "law-enforcement:" + hold.RequestedBy;
        if (covered.Count == 0)
        {
            await run.Evidence(kind, actor, $"Hold request covers no obligation of this incident: {hold.Reason}",
                new JsonObject { ["requester"] = hold.RequestedBy, ["reason"] = hold.Reason, ["lift"] = hold.Lift, ["dualControl"] = approval?.ToJson() });
        }
        // One record per obligation, so the report and the register can show each notice's hold beside its deadline.
        foreach (var (regime, recipient) in covered)
        {
            await run.Evidence(kind, actor,
                $"{regime} to {recipient}: " + (hold.Lift ? "hold lifted" : "notice held") + $" at the request of {hold.RequestedBy}: {hold.Reason}",
                new JsonObject
                {
                    ["regime"] = regime,
                    ["recipient"] = recipient,
                    ["requester"] = hold.RequestedBy,
                    ["reason"] = hold.Reason,
                    ["lift"] = hold.Lift,
                    ["dualControl"] = approval?.ToJson(),
                });
        }
    }
}
