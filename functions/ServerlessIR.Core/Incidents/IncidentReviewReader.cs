using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServerlessIR.Core.Incidents;

/// <summary>
/// Reads the body of <c>POST /api/incidents/{id}/close</c>: the post-incident review,
/// <c>{"rootCause", "controlChanges", "riskRegister": [{"aiSystem", "entry"}]}</c>. Both texts are required, and each
/// AI system the incident touched needs its risk-register entry (EU AI Act Art. 9); an entry for a system the incident
/// did not touch is an error too, so a typo cannot leave the real system without one.
/// </summary>
public static class IncidentReviewReader
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
    };

    /// <summary>The review, or the errors (each naming a field).</summary>
    /// <param name="aiSystems">The AI systems the incident touched: each needs an entry.</param>
    public static (IncidentReview? Review, IReadOnlyList<string> Errors) Read(string json, string reviewedBy, IReadOnlyCollection<string> aiSystems)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(aiSystems);
        var (body, error) = FormJson.Deserialize<Body>(json, Options);
        if (body is null)
        {
            return (null, [error!]);
        }
        var errors = new List<string>();
        var rootCause = Text("rootCause", body.RootCause, "why it happened", errors);
        var controls = Text("controlChanges", body.ControlChanges, "what changed in the controls so it does not happen again", errors);
        var entries = new List<RiskRegisterEntry>();
        var given = body.RiskRegister ?? [];
        if (given.Count > FormLimits.ListEntries)
        {
            errors.Add($"riskRegister: at most {FormLimits.ListEntries} entries (got {given.Count})");
            given = [];
        }
        for (var i = 0; i < given.Count; i++)
        {
            var field = $"riskRegister[{i}]";
            var (system, systemError) = FormText.Check(field + ".aiSystem", given[i]?.AiSystem, FormLimits.Code, multiline: false);
            var entry = Text(field + ".entry", given[i]?.Entry, "the risk this incident showed and how it is treated", errors);
            if (systemError is not null)
            {
                errors.Add(systemError);
            }
            else if (string.IsNullOrEmpty(system))
            {
                errors.Add($"{field}.aiSystem: required; the AI system whose risk register takes the entry");
            }
            else if (!aiSystems.Contains(system, StringComparer.Ordinal))
            {
                errors.Add($"{field}.aiSystem: '{FormText.Quote(system)}' is not an AI system of this incident ({Systems(aiSystems)})");
            }
            else if (entry is not null)
            {
                entries.Add(new RiskRegisterEntry(system, entry));
            }
        }
        foreach (var missing in aiSystems.Where(s => !entries.Any(e => e.AiSystem == s) && !given.Any(g => g?.AiSystem?.Trim() == s)))
        {
            errors.Add($"riskRegister: no entry for AI system '{missing}'; each affected AI system needs one (EU AI Act Art. 9)");
        }
        return errors.Count > 0 ? (null, errors) : (new IncidentReview(rootCause!, controls!, entries, reviewedBy), []);
    }

    private static string? Text(string field, string? value, string what, List<string> errors)
    {
        var (text, error) = FormText.Check(field, value, FormLimits.FreeText, multiline: true);
        if (error is not null)
        {
            errors.Add(error);
            return null;
        }
        if (string.IsNullOrEmpty(text))
        {
            errors.Add($"{field}: required; {what} (1 to {FormLimits.FreeText} characters)");
            return null;
        }
        return text;
    }

    private static string Systems(IReadOnlyCollection<string> aiSystems) =>
        aiSystems.Count == 0 ? "it names none" : "it names " + string.Join(", ", aiSystems);

    private sealed record Body(string? RootCause, string? ControlChanges, IReadOnlyList<EntryBody?>? RiskRegister);

    private sealed record EntryBody(string? AiSystem, string? Entry);
}
