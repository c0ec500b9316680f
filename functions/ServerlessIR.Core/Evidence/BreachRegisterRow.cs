namespace ServerlessIR.Core.Evidence;

/// <summary>
/// One row of the breach register GDPR Art. 33(5) requires: the facts, effects and remedial action
/// of every breach, notified or not, with the reasons when not.
/// </summary>
public sealed record BreachRegisterRow(
    string Incident,
    DateTimeOffset? Opened,
    string Status,
    string AiSystem,
    string Facts,
    string Effects,
    string RemedialAction,
    string Notified,
    string Reasons);
