namespace ServerlessIR.Core.Notifications;

/// <summary>An Adaptive Card for a Teams channel. <see cref="CardJson"/> is the card itself (type AdaptiveCard), not the envelope.</summary>
public sealed record TeamsCardMessage(string CardJson, string IdempotencyKey, string Template, string Channel = "teams");
