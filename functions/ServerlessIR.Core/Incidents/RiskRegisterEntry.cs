namespace ServerlessIR.Core.Incidents;

/// <summary>
/// What the post-incident review adds to one AI system's risk register: the EU AI Act Art. 9 risk-management loop, where
/// a risk seen in operation goes back into the system's risk assessment.
/// </summary>
public sealed record RiskRegisterEntry(string AiSystem, string Entry);
