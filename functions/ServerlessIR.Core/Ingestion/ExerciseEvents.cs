namespace ServerlessIR.Core.Ingestion;

/// <summary>
/// How an exercise is told apart from a real incident, everywhere: exercise events have their own CloudEvent types
/// (<c>ServerlessIR.Exercise.</c> + the real type without its <c>ServerlessIR.</c> prefix), and the incidents they open
/// have IDs starting <see cref="IncidentIdPrefix"/>, so any code holding an incident ID (a sender's idempotency key, an
/// approval token, an evidence partition, a register row) knows without a lookup.
/// </summary>
public static class ExerciseEvents
{
    /// <summary>Every exercise event type starts with this.</summary>
    public const string TypePrefix = "ServerlessIR.Exercise.";

    /// <summary>Incident IDs of exercises start with this; real incidents start <c>inc-</c>, smoke tests <c>smoke-</c>.</summary>
    public const string IncidentIdPrefix = "exr-";

    /// <summary>The mark every message, page and notice of an exercise carries in its subject and body.</summary>
    public const string Mark = "EXERCISE";

    private const string OwnPrefix = "ServerlessIR.";

    /// <summary>The exercise type for a real event type: <c>ServerlessIR.AiDataLeak.Detected</c> becomes <c>ServerlessIR.Exercise.AiDataLeak.Detected</c>.</summary>
    public static string TypeFor(string realType)
    {
        ArgumentException.ThrowIfNullOrEmpty(realType);
        return realType.StartsWith(TypePrefix, StringComparison.Ordinal) ? realType
            : TypePrefix + (realType.StartsWith(OwnPrefix, StringComparison.Ordinal) ? realType[OwnPrefix.Length..] : realType);
    }

    /// <summary>Whether <paramref name="type"/> is an exercise event type.</summary>
    public static bool IsExerciseType(string? type) => type is not null && type.StartsWith(TypePrefix, StringComparison.Ordinal) && type.Length > TypePrefix.Length;

    /// <summary>The real types an exercise type may stand for, most likely first (our own types, then a vendor's).</summary>
    public static IReadOnlyList<string> RealTypesOf(string exerciseType)
    {
        ArgumentException.ThrowIfNullOrEmpty(exerciseType);
        var rest = exerciseType[TypePrefix.Length..];
        return [OwnPrefix + rest, rest];
    }

    /// <summary>Whether <paramref name="incidentIdOrKey"/> is an exercise incident's ID, or a key that starts with one (<c>{incidentId}/...</c>).</summary>
    public static bool IsExercise(string? incidentIdOrKey) =>
        incidentIdOrKey is not null && incidentIdOrKey.StartsWith(IncidentIdPrefix, StringComparison.Ordinal);
}
