namespace ServerlessIR.Core.Containment;

/// <summary>
/// The containment action catalog: one entry per action with its ID, the activity that performs it, the activity that
/// undoes it, and the effect an approver weighs against the leak. Everything else reads it from here.
/// </summary>
public static class ContainmentActions
{
    public const string PreserveEventLogs = "salesforce.preserve-event-logs";
    public const string RevokeOAuthTokens = "salesforce.revoke-oauth-tokens";
    public const string EndSessions = "salesforce.end-sessions";
    public const string FreezeUser = "salesforce.freeze-user";
    public const string RemoveAiPermissions = "salesforce.remove-ai-permissions";
    public const string EnableBreakGlassPolicy = "salesforce.enable-break-glass-policy";
    public const string RotateSecret = "keyvault.rotate-secret";
    public const string AiFeatureFallback = "ai-feature.fallback";

    // Revoked tokens, ended sessions, preserved logs and a rotated credential are deliberately not undone: the leaked
    // credential must stay dead even when the alert was false, and preserved evidence is never deleted.
    private static readonly ContainmentAction[] Entries =
    [
        new(PreserveEventLogs, typeof(PreserveSalesforceEventLogsActivity), null,
            "Copies the integration user's Event Monitoring log rows of the leak window into the evidence store: it only reads, nothing stops working."),
        new(RevokeOAuthTokens, typeof(RevokeSalesforceOAuthTokensActivity), null,
            "Revokes every OAuth token of the AI system's connected app: the integration stops until it signs in again, and any stolen token stops working."),
        new(EndSessions, typeof(EndSalesforceSessionsActivity), null,
            "Ends every open session of the integration user: it must sign in again, and any stolen session stops working."),
        new(FreezeUser, typeof(FreezeSalesforceUserActivity), typeof(UnfreezeSalesforceUserActivity),
            "Freezes the integration user: it can no longer sign in or call the API until a person unfreezes it."),
        new(RemoveAiPermissions, typeof(RemoveSalesforceAiPermissionsActivity), typeof(RestoreSalesforceAiPermissionsActivity),
            "Removes the AI feature's permission set from the integration user: scoring falls back to the playbook's fallback mode."),
        new(EnableBreakGlassPolicy, typeof(EnableBreakGlassPolicyActivity), typeof(DisableBreakGlassPolicyActivity),
            "Enables the org's pre-staged Transaction Security Policy: what it blocks stays blocked for everyone it covers until a person disables it."),
        new(RotateSecret, typeof(RotateKeyVaultSecretActivity), null,
            "Issues fresh credentials for the AI system's secrets and disables every earlier version: whatever still uses an old one stops working for good."),
        new(AiFeatureFallback, typeof(SwitchAiFeatureToFallbackActivity), typeof(SwitchAiFeatureToPrimaryActivity),
            "Switches the AI feature to its fallback mode once the fallback's health probe passes: customers get the fallback until a person switches it back."),
    ];

    private static readonly Dictionary<string, ContainmentAction> ById = Entries.ToDictionary(a => a.Id, StringComparer.Ordinal);

    /// <summary>Every action the pipeline knows.</summary>
    public static IReadOnlyList<ContainmentAction> All => Entries;

    /// <summary>Every containment and compensation activity class, for the hosts to register.</summary>
    public static IEnumerable<Type> ActivityTypes => Entries.SelectMany(a => new[] { a.Activity, a.Compensation }).OfType<Type>();

    /// <summary>Every action ID the pipeline knows.</summary>
    public static IReadOnlyCollection<string> Known => ById.Keys;

    /// <summary>The catalog entry of <paramref name="actionId"/>.</summary>
    /// <exception cref="ArgumentException">Unknown action ID.</exception>
    public static ContainmentAction Get(string actionId) =>
        ById.TryGetValue(actionId, out var action)
            ? action
            : throw new ArgumentException($"Unknown containment action '{actionId}'. Known: {string.Join(", ", ById.Keys)}", nameof(actionId));

    /// <summary>The activity that performs <paramref name="actionId"/>.</summary>
    /// <exception cref="ArgumentException">Unknown action ID.</exception>
    public static string ActivityFor(string actionId) => Get(actionId).Activity.Name;

    /// <summary>The activity that undoes <paramref name="actionId"/>, or null when the action is irreversible by design.</summary>
    /// <exception cref="ArgumentException">Unknown action ID.</exception>
    public static string? CompensationFor(string actionId) => Get(actionId).Compensation?.Name;

    /// <summary>
    /// The approver-facing effect of <paramref name="actionId"/>; a generic line for an ID the catalog does not know, so a
    /// page for a token issued under an older catalog still renders.
    /// </summary>
    public static string EffectOf(string actionId) =>
        ById.TryGetValue(actionId, out var action) ? action.Effect : $"Runs '{actionId}' against the production org.";
}
