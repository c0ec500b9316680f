using ServerlessIR.Core.Ingestion;

namespace ServerlessIR.Core.Incidents;

/// <summary>Input of <see cref="IncidentOrchestrator"/>. Stored in the durable history: pseudonymized signal only.</summary>
/// <param name="IncidentId">Also the orchestration instance ID.</param>
/// <param name="OpenedAt">When the pipeline became aware (the first signal's arrival): the start of incident time.</param>
/// <param name="FirstSignal">The signal that opened the incident.</param>
/// <param name="Runtime">Host settings (time scale, horizon).</param>
/// <param name="LinkedIncidentId">A closed incident this one follows on from, if any.</param>
/// <param name="Resume">
/// Set only by the orchestration itself when it continues as new: what it carries into the next generation, which goes
/// straight back to the phase it left (docs/performance.md#bounded-histories). Null for a new incident.
/// </param>
/// <param name="Revision">
/// How the orchestration does its bookkeeping, fixed when the incident starts and carried through continue-as-new, so an
/// incident started by an older build replays the activities it asked for then: 0 (what an input written before revisions
/// existed reads as) writes the evidence record, the anchor and the incident record that end a step as three activities,
/// and a drain between containment steps takes joined signals for as long as wakes keep arriving; from 1 the three are
/// one (<see cref="JournalIncidentActivity"/>; docs/performance.md#one-journal-activity-per-step), and that drain takes
/// them once at most (<see cref="IncidentInbox.DrainAsync"/>); from 2 the e-mails and status posts of a checkpoint or an
/// alarm are sent by the journal that ends it (<see cref="JournalRequest.Messages"/>), not by activities of their own; from 3
/// the checkpoints due at one wake fire in one step, with one journal (<see cref="CheckpointLadder.FireAsync"/>), and a
/// containment wave's steps are gated by one activity (<see cref="Containment.DecideStepGatesActivity"/>); from 4 a journal
/// carries the incident record as a change from the one last written (<see cref="RecordChange"/>), not whole; from 5 a drain
/// handles people's events before it takes the joined signals whose wakes came with them (<see cref="IncidentInbox.DrainAsync"/>),
/// and an amendment of the facts, a batch of joined signals, a containment step that failed or was held, a tier's approval
/// request and a decision with its follow-up card each end with one journal (evidence, messages, anchor and record) instead
/// of appends, sends and record writes one after another.
/// </param>
public sealed record IncidentInput(
    string IncidentId,
    DateTimeOffset OpenedAt,
    Signal FirstSignal,
    IncidentRuntime Runtime,
    string? LinkedIncidentId = null,
    IncidentResume? Resume = null,
    int Revision = 0)
{
    /// <summary>The revision a new incident starts at.</summary>
    public const int CurrentRevision = 5;

    /// <summary>Whether a step's evidence, anchor and record go out as one journal activity (revision 1 on).</summary>
    public bool JournalsSteps => Revision >= 1;

    /// <summary>Whether containment's drain between steps takes joined signals once at most, so a storm cannot hold the steps (revision 1 on).</summary>
    public bool BoundsDrains => Revision >= 1;

    /// <summary>Whether a held step's e-mails and status posts are sent by the journal that ends it (revision 2 on).</summary>
    public bool SendsWithJournal => Revision >= 2;

    /// <summary>Whether the checkpoints due at one wake fire in one step, ended by one journal (revision 3 on).</summary>
    public bool FiresDueTogether => Revision >= 3;

    /// <summary>Whether a containment wave's steps are gated by one activity, not one each (revision 3 on).</summary>
    public bool GatesWaveTogether => Revision >= 3;

    /// <summary>Whether a journal carries the incident record as a change from the one last written (revision 4 on).</summary>
    public bool SendsRecordChanges => Revision >= 4;

    /// <summary>Whether a drain handles people's events before the joined signals whose wakes arrived with them (revision 5 on).</summary>
    public bool TakesPeopleFirst => Revision >= 5;

    /// <summary>
    /// Whether an amendment of the facts, a batch of joined signals, a failed or held containment step, a tier's approval
    /// request and a decision with its follow-up card each end with one journal, not appends, sends and record writes in a
    /// row (revision 5 on).
    /// </summary>
    public bool JournalsEvents => Revision >= 5;
}
