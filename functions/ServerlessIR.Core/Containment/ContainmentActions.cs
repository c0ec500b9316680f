namespace ServerlessIR.Core.Containment;

/// <summary>
/// The one place where dotted action IDs (used in playbooks, reports and evidence) map to activity names
/// (Azure function names cannot contain dots), and where each reversible action names its compensation.
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

    private static readonly Dictionary<string, string> Activities = new(StringComparer.Ordinal)
    {
        [PreserveEventLogs] = nameof(PreserveSalesforceEventLogsActivity),
        [RevokeOAuthTokens] = nameof(RevokeSalesforceOAuthTokensActivity),
        [EndSessions] = nameof(EndSalesforceSessionsActivity),
        [FreezeUser] = nameof(FreezeSalesforceUserActivity),
        [RemoveAiPermissions] = nameof(RemoveSalesforceAiPermissionsActivity),
        [EnableBreakGlassPolicy] = nameof(EnableBreakGlassPolicyActivity),
        [RotateSecret] = nameof(RotateKeyVaultSecretActivity),
        [AiFeatureFallback] = nameof(SwitchAiFeatureToFallbackActivity),
    };

    // Revoked tokens, ended sessions, preserved logs and a rotated credential are deliberately not undone: the leaked
    // credential must stay dead even when the alert was false, and preserved evidence is never deleted.
    private static readonly Dictionary<string, string> Compensations = new(StringComparer.Ordinal)
    {
        [FreezeUser] = nameof(UnfreezeSalesforceUserActivity),
        [RemoveAiPermissions] = nameof(RestoreSalesforceAiPermissionsActivity),
        [EnableBreakGlassPolicy] = nameof(DisableBreakGlassPolicyActivity),
        [AiFeatureFallback] = nameof(SwitchAiFeatureToPrimaryActivity),
    };

    /// <summary>Every action ID the pipeline knows.</summary>
    public static IReadOnlyCollection<string> Known => Activities.Keys;

    /// <summary>The activity that performs <paramref name="actionId"/>.</summary>
    /// <exception cref="ArgumentException">Unknown action ID.</exception>
    public static string ActivityFor(string actionId) =>
        Activities.TryGetValue(actionId, out var name)
            ? name
            : throw new ArgumentException($"Unknown containment action '{actionId}'. Known: {string.Join(", ", Activities.Keys)}", nameof(actionId));

    /// <summary>
    /// The activity that undoes <paramref name="actionId"/> (input <see cref="ContainmentCompensation"/>, output
    /// <see cref="ContainmentOutcome"/>), or null when the action is irreversible by design.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown action ID.</exception>
    public static string? CompensationFor(string actionId)
    {
        _ = ActivityFor(actionId);
        return Compensations.TryGetValue(actionId, out var name) ? name : null;
    }
}
