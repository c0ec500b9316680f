using System.Text.Json.Nodes;
using ServerlessIR.Core.Evidence;

namespace ServerlessIR.Core.Incidents;

/// <summary>
/// Closing an incident with its post-incident review: the blockers are checked again here (the route checked the record,
/// which may lag), then the review is evidence, the chain is anchored, and the incident ends <c>Closed</c>.
/// </summary>
internal sealed class IncidentClosure(IncidentRun run)
{
    public async Task CloseAsync(IncidentReview review)
    {
        ArgumentNullException.ThrowIfNull(review);
        var blockers = ClosureBlockers.Of(run.Summary);
        if (blockers.Count > 0)
        {
            await run.Evidence(EvidenceKinds.EventRefused, "system", "Refused to close: " + string.Join("; ", blockers), new JsonObject
            {
                ["event"] = IncidentEvent.Kinds.Close,
                ["reason"] = "blocked",
                ["blockers"] = new JsonArray([.. blockers.Select(b => (JsonNode?)b)]),
            });
            return;
        }
        var by = BoundedText.Truncate(review.ReviewedBy, EvidenceLimits.MaxActorChars);
        review = review with { ReviewedBy = by, ClosedAt = run.Now };
        var waived = run.State.Tasks.Where(t => t.Status == IncidentTaskStatus.Waived).ToList();
        await run.Evidence(EvidenceKinds.IncidentReviewed, "person:" + by,
            $"Post-incident review by {by}" + (review.Approval is { } two ? $", seconded by {two.ApprovedBy}" : "") + ": " + review.RootCause,
            new JsonObject
            {
                ["rootCause"] = review.RootCause,
                ["controlChanges"] = review.ControlChanges,
                ["riskRegister"] = new JsonArray([.. review.RiskRegister.Select(e => (JsonNode?)new JsonObject { ["aiSystem"] = e.AiSystem, ["entry"] = e.Entry })]),
                ["reviewedBy"] = by,
                ["dualControl"] = review.Approval?.ToJson(),
                ["scheduledObligations"] = new JsonArray([.. run.State.Obligations.Obligations.Where(o => o.Status == ObligationStatus.Scheduled)
                    .Select(o => (JsonNode?)o.Regime)]),
                ["waivedTasks"] = new JsonArray([.. waived.Select(t => (JsonNode?)new JsonObject { ["taskId"] = t.Id, ["reason"] = t.Reason })]),
            });
        run.State.Reviewed(review);
        run.Close(IncidentStatus.Closed);
        await run.Journal(EvidenceKinds.IncidentClosed, "person:" + by, "Closed with its post-incident review",
            new JsonObject { ["status"] = nameof(IncidentStatus.Closed) }, anchor: "closed: reviewed");
    }
}
