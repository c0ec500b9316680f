using Microsoft.DurableTask;
using ServerlessIR.Core.Approvals;
using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Notifications;
using ServerlessIR.Core.Ticketing;

namespace ServerlessIR.Core;

/// <summary>
/// Every orchestrator and activity of the pipeline: the one list the local host's durable worker, the tests' durable host
/// and the Functions app's container register from, and that the Functions app's <c>[Function]</c> wrappers are tested
/// against. The containment activities come from their action catalog (<see cref="ContainmentActions"/>).
/// </summary>
public static class ServerlessIRTasks
{
    public static IReadOnlyList<Type> Orchestrators { get; } = [typeof(IncidentOrchestrator)];

    public static IReadOnlyList<Type> Activities { get; } =
    [
        typeof(PlanIncidentActivity),
        typeof(AppendEvidenceActivity),
        typeof(AnchorEvidenceActivity),
        typeof(RecordIncidentActivity),
        typeof(JournalIncidentActivity),
        typeof(TakeJoinedSignalsActivity),
        typeof(SendEmailActivity),
        typeof(DecideStepGateActivity),
        typeof(DecideStepGatesActivity),
        .. ContainmentActions.ActivityTypes,
        typeof(RequestApprovalActivity),
        typeof(DraftNoticeActivity),
        typeof(HandOffDataSubjectNoticeActivity),
        typeof(SyncTicketActivity),
        typeof(PostIncidentUpdateActivity),
    ];

    public static DurableTaskRegistry AddServerlessIRTasks(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        foreach (var orchestrator in Orchestrators)
        {
            registry.AddOrchestrator(orchestrator);
        }
        foreach (var activity in Activities)
        {
            registry.AddActivity(activity);
        }
        return registry;
    }
}
