using System.Text.Json.Nodes;

namespace ServerlessIR.Core.Approvals;

/// <summary>
/// The two people behind an undo, hold or awareness move, carried on the incident event and written into its evidence:
/// who asked, who seconded (a different person), each with the object ID that authorized them.
/// </summary>
public sealed record DualApproval(
    string RequestId,
    string RequestedBy,
    string RequestedByObjectId,
    string ApprovedBy,
    string ApprovedByObjectId,
    DateTimeOffset ApprovedAt)
{
    /// <summary>The evidence payload's <c>dualControl</c> member.</summary>
    public JsonObject ToJson() => new()
    {
        ["requestId"] = RequestId,
        ["requestedBy"] = RequestedBy,
        ["requestedByObjectId"] = RequestedByObjectId,
        ["approvedBy"] = ApprovedBy,
        ["approvedByObjectId"] = ApprovedByObjectId,
        ["approvedAt"] = ApprovedAt,
    };
}
