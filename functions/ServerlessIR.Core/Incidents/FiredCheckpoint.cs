namespace ServerlessIR.Core.Incidents;

/// <summary>A checkpoint that fired, by the obligation it belongs to and its name: it never fires again.</summary>
public sealed record FiredCheckpoint(string Regime, string Recipient, string Name);
