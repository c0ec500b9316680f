namespace ServerlessIR.Core.Playbooks;

/// <summary>
/// How often the incident's channel and owners get an <c>internal-status</c> post (issue 15, item 4): incident minutes
/// between posts per severity. A severity not listed gets none.
/// </summary>
public sealed record StatusUpdatePolicy
{
    /// <summary>The shortest cadence a playbook may set: more often than this is noise in a channel people must read.</summary>
    public const int MinimumMinutes = 15;

    /// <summary>The longest: a week, beyond which nobody would call it a cadence.</summary>
    public const int MaximumMinutes = 10_080;

    /// <summary>Incident minutes between status posts, by severity (<c>SEV1</c> .. <c>SEV4</c>).</summary>
    public IReadOnlyDictionary<string, int> CadenceMinutes { get; init; } = DefaultCadence;

    /// <summary>The built-in cadence, used when a playbook gives none: SEV1 every 2 hours, SEV2 every 4, lower none.</summary>
    public static IReadOnlyDictionary<string, int> DefaultCadence { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["SEV1"] = 120,
        ["SEV2"] = 240,
    };

    /// <summary>Incident minutes between posts at <paramref name="severity"/>, or null when that severity gets none.</summary>
    public int? MinutesFor(string? severity) =>
        severity is not null && CadenceMinutes.TryGetValue(severity, out var minutes) ? minutes : null;
}
