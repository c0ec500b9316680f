namespace ServerlessIR.Core.Containment;

/// <summary>
/// The one place where dotted action IDs (used in playbooks, reports and evidence) map to activity names
/// (Azure function names cannot contain dots).
/// </summary>
public static class ContainmentActions
{
    public const string RevokeOAuthTokens = "salesforce.revoke-oauth-tokens";

    private static readonly Dictionary<string, string> Activities = new(StringComparer.Ordinal)
    {
        [RevokeOAuthTokens] = nameof(RevokeSalesforceOAuthTokensActivity),
    };

    /// <summary>Compensating activities of the reversible actions; an action missing here cannot be undone.</summary>
    private static readonly Dictionary<string, string> Compensations = new(StringComparer.Ordinal);

    /// <summary>Every action ID the pipeline knows.</summary>
    public static IReadOnlyCollection<string> Known => Activities.Keys;

    /// <summary>The activity that performs <paramref name="actionId"/>.</summary>
    /// <exception cref="ArgumentException">Unknown action ID.</exception>
    public static string ActivityFor(string actionId) =>
        Activities.TryGetValue(actionId, out var name)
            ? name
            : throw new ArgumentException($"Unknown containment action '{actionId}'. Known: {string.Join(", ", Activities.Keys)}", nameof(actionId));

    /// <summary>The activity that undoes <paramref name="actionId"/>, or null when it cannot be undone (a revoked token stays revoked).</summary>
    public static string? CompensationFor(string actionId) => Compensations.GetValueOrDefault(actionId);
}
