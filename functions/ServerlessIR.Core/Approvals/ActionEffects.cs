namespace ServerlessIR.Core.Approvals;

/// <summary>
/// What a containment step does to the business, in the words an approver reads on the card and the page. An approver
/// weighs disruption against the leak, so the effect says who stops being able to do what.
/// </summary>
public static class ActionEffects
{
    private static readonly Dictionary<string, string> Effects = new(StringComparer.Ordinal)
    {
        ["salesforce.revoke-oauth-tokens"] = "Revokes every OAuth token of the AI system's connected app: the integration stops until it signs in again, and any stolen token stops working.",
        ["salesforce.freeze-user"] = "Freezes the integration user: it can no longer sign in or call the API until a person unfreezes it.",
        ["salesforce.remove-ai-permissions"] = "Removes the AI feature's permission set from the integration user: scoring falls back to the playbook's fallback mode.",
        ["salesforce.disable-connected-app"] = "Blocks the connected app for everyone: the AI feature stops until the app is unblocked.",
    };

    /// <summary>The effect of <paramref name="actionId"/>, or a generic line for an action without one.</summary>
    public static string Describe(string actionId) =>
        Effects.TryGetValue(actionId, out var effect) ? effect : $"Runs '{actionId}' against the production org.";
}
