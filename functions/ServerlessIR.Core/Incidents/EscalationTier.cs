namespace ServerlessIR.Core.Incidents;

/// <summary>The escalation tier one obligation has climbed to (1 after its first escalation).</summary>
public sealed record EscalationTier(string Regime, string Recipient, int Tier);
