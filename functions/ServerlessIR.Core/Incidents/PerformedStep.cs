using ServerlessIR.Core.Containment;

namespace ServerlessIR.Core.Incidents;

/// <summary>A containment step that took effect, kept so a false positive can undo it in reverse order.</summary>
public sealed record PerformedStep(ContainmentRequest Request, ContainmentOutcome Outcome);
