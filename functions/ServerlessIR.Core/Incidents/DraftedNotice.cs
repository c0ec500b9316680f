namespace ServerlessIR.Core.Incidents;

/// <summary>A notice drafted for review, by its ID: the obligation it discharges, so a later submission finds it.</summary>
public sealed record DraftedNotice(string NoticeId, string Regime, string Recipient, string Template);
