
namespace ServerlessIR.Core.Notifications;

/// <summary>What <see cref="PostIncidentUpdateActivity"/> sent, and for a brief the fine exposures it showed (for the evidence).</summary>
public sealed record IncidentUpdateResult(IReadOnlyList<SentMessage> Sent, IReadOnlyList<FineExposure> Fines);
