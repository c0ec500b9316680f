namespace ServerlessIR.Core.Playbooks;

/// <summary>
/// Exercise mode (the playbook's <c>exercise</c> section): who may start an exercise against this deployment, what its
/// containment acts on instead of production, who owns the quarterly exercises and when they are due.
/// </summary>
public sealed record ExerciseSettings
{
    /// <summary>
    /// CloudEvent source prefixes an exercise event must come from (<c>ir exercise start</c> uses
    /// <c>/serverlessir/exercises/</c>). Empty: every exercise event is rejected, so a playbook that says nothing allows none.
    /// </summary>
    public IReadOnlyList<string> TrustedSources { get; init; } = [];

    /// <summary>
    /// The Salesforce org every containment step of an exercise acts on (a sandbox, or a stand-in): never one listed under
    /// <c>salesforce.orgs</c>. Without it, an exercise's Salesforce steps fail permanently and go to a person.
    /// </summary>
    public SalesforceOrg? Salesforce { get; init; }

    /// <summary>Who is reminded when a quarterly exercise is due.</summary>
    public IReadOnlyList<Contact> Owners { get; init; } = [];

    /// <summary>When the exercises are due.</summary>
    public ExerciseCalendar Calendar { get; init; } = new();

    /// <summary>The org an exercise's containment acts on, if <paramref name="orgId"/> names it.</summary>
    public SalesforceOrg? FindOrg(string? orgId) => orgId is not null && Salesforce?.Id == orgId ? Salesforce : null;
}
