namespace ServerlessIR.Core.Incidents;

/// <summary>Who hears about an incident: the sending mailbox, the DPO, the AI system's owners.</summary>
public sealed record NotificationRoute(string Sender, IReadOnlyList<string> Dpo, IReadOnlyList<string> Owners);
