namespace ServerlessIR.Core.Playbooks;

/// <summary>
/// What the security team configures without code: who the organisation is, which AI systems it runs
/// on which Salesforce orgs, how to contain, and when to wake people. Loaded by <see cref="PlaybookLoader"/>.
/// </summary>
public sealed record Playbook
{
    public int Version { get; init; } = 1;
    public required Organisation Organisation { get; init; }
    public required SalesforceSettings Salesforce { get; init; }
    public required IReadOnlyList<AiSystem> AiSystems { get; init; }
    public ContainmentPolicy Containment { get; init; } = new();
    public ClockPolicy Clock { get; init; } = new();
    public SeverityPolicy Severity { get; init; } = new();
    public DrillSettings Drill { get; init; } = new();
    public IngestionSettings Ingestion { get; init; } = new();
    public ApprovalPolicy Approvals { get; init; } = new();
    public NotificationSettings Notifications { get; init; } = new();
    public ExerciseSettings Exercise { get; init; } = new();
    public FollowUpPolicy FollowUp { get; init; } = new();

    /// <summary>The ticketing system incidents keep a ticket in; none by default.</summary>
    public TicketingSettings? Ticketing { get; init; }

    /// <summary>The AI system with this ID, or null.</summary>
    public AiSystem? FindAiSystem(string? id) => id is null ? null : AiSystems.FirstOrDefault(s => s.Id == id);

    /// <summary>The Salesforce org with this ID, or null.</summary>
    public SalesforceOrg? FindOrg(string? id) => id is null ? null : Salesforce.Orgs.FirstOrDefault(o => o.Id == id);
}
