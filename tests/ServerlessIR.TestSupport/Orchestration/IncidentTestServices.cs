using Microsoft.Extensions.DependencyInjection;
using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Ingestion.Correlation;
using ServerlessIR.Core.Notifications;
using ServerlessIR.Core.Playbooks;
using ServerlessIR.Core.Salesforce;
using ServerlessIR.TestSupport.Fakes;

namespace ServerlessIR.TestSupport.Orchestration;

/// <summary>The in-memory ledger, store, mail, Salesforce and people that every orchestration test registers.</summary>
public static class IncidentTestServices
{
    public static void Register(
        IServiceCollection services,
        Playbook playbook,
        IEvidenceLedger? ledger = null,
        IIncidentStore? store = null,
        IMailSender? mail = null,
        ISalesforceClientFactory? salesforce = null,
        PeopleFakes? people = null,
        MemoryJoinLedger? joins = null,
        IContainmentKillSwitch? killSwitch = null)
    {
        services.AddSingleton(ledger ?? new MemoryLedger());
        services.AddSingleton<IEvidenceAnchorStore>(new MemoryAnchors());
        services.AddSingleton(new RetentionPolicy(new RetentionOptions()));
        services.AddSingleton<IJoinLedger>(joins ?? new MemoryJoinLedger());
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(store ?? new MemoryIncidents());
        services.AddSingleton(mail ?? new MemoryMail());
        services.AddSingleton(salesforce ?? new FakeSalesforce());
        services.AddSingleton<IPlaybookProvider>(new StaticPlaybookProvider(playbook));
        services.AddSingleton<IContainmentBudget>(new InMemoryContainmentBudget());
        services.AddSingleton(killSwitch ?? new SwitchableKillSwitch());
        services.AddSingleton<StepGate>();
        (people ?? new PeopleFakes()).Register(services);
    }
}
