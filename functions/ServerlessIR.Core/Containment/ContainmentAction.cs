namespace ServerlessIR.Core.Containment;

/// <summary>One containment action as the whole pipeline knows it: playbooks, orchestrator, approvers and reports.</summary>
/// <param name="Id">Dotted action ID used in playbooks, reports and evidence (<c>salesforce.freeze-user</c>).</param>
/// <param name="Activity">The activity class that performs it; its name is the durable task name (Azure function names cannot contain dots).</param>
/// <param name="Compensation">
/// The activity class that undoes it after a false positive (input <see cref="ContainmentCompensation"/>, output
/// <see cref="ContainmentOutcome"/>), or null when it is irreversible by design.
/// </param>
/// <param name="Effect">What it does to the business, in the words an approver reads on the card and the page: who stops being able to do what.</param>
public sealed record ContainmentAction(string Id, Type Activity, Type? Compensation, string Effect);
