namespace ServerlessIR.Core.Notifications;

/// <summary>The bulk channel's confirmation of a hand-off.</summary>
public sealed record BulkHandOffResult(string Channel, string ConfirmationId, long ApproxRecipients);
