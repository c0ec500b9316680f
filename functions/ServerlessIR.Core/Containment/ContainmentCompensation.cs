using System.Text.Json.Nodes;

namespace ServerlessIR.Core.Containment;

/// <summary>
/// Input of a compensation activity (<see cref="ContainmentActions.CompensationFor"/>): the request the action ran with and
/// the <see cref="ContainmentOutcome.Undo"/> it returned. The compensation's own idempotency key is derived from the original's.
/// </summary>
public sealed record ContainmentCompensation(ContainmentRequest Original, JsonObject? Undo)
{
    public string IdempotencyKey => Original.IdempotencyKey + "/undo";
}
