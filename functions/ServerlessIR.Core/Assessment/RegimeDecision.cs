namespace ServerlessIR.Core.Assessment;

/// <summary>
/// Why one regime applies to a breach or not, as structured reasons (<c>./ir assess --explain</c> prints them). Each reason is
/// a sentence a DPO can check; <paramref name="Source"/> is the legal text or guidance the decision rests on.
/// </summary>
/// <param name="Regime">The regime ID (<c>gdpr-art33</c>, <c>nis2-early-warning</c>, ...) the decision is about.</param>
/// <param name="Applies">True when the regime's duty to notify is triggered.</param>
/// <param name="Reasons">The tests met or failed, in the order they were decided.</param>
/// <param name="Source">The rule's citation.</param>
public sealed record RegimeDecision(string Regime, bool Applies, IReadOnlyList<string> Reasons, string Source);
