using System.Text.Json;
using ServerlessIR.Core.Playbooks;
using ServerlessIR.Core.Salesforce;

namespace ServerlessIR.Core.Containment;

/// <summary>
/// Resolves what a containment step acts on from the playbook inventory (the signal's principal is a pseudonym, useless
/// against Salesforce), and turns permanent Salesforce errors into <see cref="PermanentContainmentException"/>.
/// </summary>
internal static class SalesforceTargets
{
    public static AiSystem System(IPlaybookProvider playbooks, ContainmentRequest input) =>
        playbooks.Current.FindAiSystem(input.AiSystemId)
            ?? throw new PermanentContainmentException($"No AI system '{input.AiSystemId}' in the playbook: cannot tell what {input.Action} acts on.");

    public static ISalesforceClient Client(ISalesforceClientFactory salesforce, Playbook playbook, ContainmentRequest input, AiSystem system) =>
        salesforce.ForOrg(OrgId(playbook, input, system));

    /// <summary>
    /// The org a step acts on: the incident's (else the AI system's), or for an exercise the playbook's exercise org, and
    /// never a production one. The one place every Salesforce step asks, so an exercise cannot reach production by a
    /// step that forgot to look.
    /// </summary>
    public static string OrgId(Playbook playbook, ContainmentRequest input, AiSystem system)
    {
        if (!input.Exercise)
        {
            return input.OrgId ?? system.Org;
        }
        return playbook.Exercise.Salesforce?.Id
            ?? throw new PermanentContainmentException(
                $"EXERCISE: the playbook names no exercise.salesforce org, and an exercise never acts on production: {input.Action} not run.");
    }

    /// <summary>
    /// The org an incident's plan (and so its record and reports) names: the production org the signals point at, or for
    /// an exercise the exercise org the steps act on (null without one), so a report never names production for an exercise.
    /// </summary>
    public static string? PlannedOrgId(Playbook playbook, bool exercise, string? productionOrg) =>
        exercise ? playbook.Exercise.Salesforce?.Id : productionOrg;

    /// <summary>
    /// Holds a step that acts outside Salesforce when it belongs to an exercise: the playbook names a sandbox org for
    /// exercises, but no second Key Vault or AI feature, so such a step would act on production. Held, it goes to a person,
    /// which is what the exercise then practises.
    /// </summary>
    public static void RefuseOutsideSalesforceInExercise(ContainmentRequest input, string target)
    {
        if (input.Exercise)
        {
            throw new ContainmentHeldException($"EXERCISE: {input.Action} acts on {target}, which an exercise never touches; held for a person.");
        }
    }

    public static string IntegrationUsername(AiSystem system) =>
        system.Integration?.IntegrationUser
            ?? throw new PermanentContainmentException($"AI system '{system.Id}' names no integration user in the playbook.");

    /// <summary>The Salesforce ID of the AI system's integration user.</summary>
    public static async Task<string> IntegrationUserIdAsync(ISalesforceClient client, AiSystem system)
    {
        var username = IntegrationUsername(system);
        var users = await client.QueryAsync($"SELECT Id, Username FROM User WHERE Username = '{Soql.Escape(username)}'");
        return users.Count == 0
            ? throw new PermanentContainmentException($"Integration user '{username}' of AI system '{system.Id}' does not exist in org '{system.Org}'.")
            : users[0].GetProperty("Id").GetString()!;
    }

    public static string? Text(JsonElement record, string field) =>
        record.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Runs a step; a Salesforce error that retrying cannot fix becomes a permanent failure (escalated to a person).</summary>
    public static async Task<T> GuardAsync<T>(Func<Task<T>> step)
    {
        try
        {
            return await step();
        }
        catch (SalesforceApiException ex) when (!ex.IsTransient)
        {
            throw new PermanentContainmentException(ex.Message, ex);
        }
    }
}
