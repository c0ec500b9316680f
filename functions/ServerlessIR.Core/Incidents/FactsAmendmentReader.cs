using System.Text.Json;
using ServerlessIR.Core.Assessment;

namespace ServerlessIR.Core.Incidents;

/// <summary>
/// Reads the body of <c>POST /api/incidents/{id}/facts</c>. Unknown fields, wrong types, unknown jurisdictions or data
/// categories are errors naming the field, so a typo never silently leaves a clock where it was.
/// </summary>
public static class FactsAmendmentReader
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    private static readonly string[] SeriousIncidentKinds = ["none", "other", "death", "widespread-infringement", "critical-infrastructure"];

    /// <summary>The amendment, or the errors (each naming a field) when the body is not acceptable.</summary>
    public static (FactsAmendment? Amendment, IReadOnlyList<string> Errors) Read(string json, string amendedBy)
    {
        ArgumentNullException.ThrowIfNull(json);
        FactsAmendment? amendment;
        try
        {
            amendment = JsonSerializer.Deserialize<FactsAmendment>(json, Options);
        }
        catch (JsonException ex)
        {
            return (null, [$"{ex.Path ?? "$"}: {FirstSentence(ex.Message)}"]);
        }
        if (amendment is null)
        {
            return (null, ["$: the body must be a JSON object"]);
        }
        var errors = new List<string>();
        for (var i = 0; i < amendment.Jurisdictions.Count; i++)
        {
            if (!Jurisdictions.IsValid(amendment.Jurisdictions[i]))
            {
                errors.Add($"jurisdictions[{i}]: '{amendment.Jurisdictions[i]}' is not an ISO 3166-1 alpha-2 or 3166-2 code");
            }
        }
        for (var i = 0; i < amendment.DataCategories.Count; i++)
        {
            if (!BreachFactsReader.DataCategories.Contains(amendment.DataCategories[i]))
            {
                errors.Add($"dataCategories[{i}]: '{amendment.DataCategories[i]}' is not one of {string.Join(", ", BreachFactsReader.DataCategories)}");
            }
        }
        if (amendment.SubjectCount is < 0)
        {
            errors.Add("subjectCount: must not be negative");
        }
        if (amendment.SeriousIncidentKind is { } kind && !SeriousIncidentKinds.Contains(kind))
        {
            errors.Add($"seriousIncidentKind: '{kind}' is not one of {string.Join(", ", SeriousIncidentKinds)}");
        }
        if (amendment.LawEnforcementHold is { } hold)
        {
            // A positional record leaves an absent list null: absent means every regime.
            if (hold.Regimes is null)
            {
                amendment = amendment with { LawEnforcementHold = hold = hold with { Regimes = [] } };
            }
            if (string.IsNullOrWhiteSpace(hold.RequestedBy))
            {
                errors.Add("lawEnforcementHold.requestedBy: required (the agency and officer)");
            }
            if (string.IsNullOrWhiteSpace(hold.Reason))
            {
                errors.Add("lawEnforcementHold.reason: required");
            }
        }
        if (amendment.Note is { Length: > 2000 })
        {
            errors.Add("note: at most 2000 characters");
        }
        var empty = amendment.OnlyHold && amendment.LawEnforcementHold is null;
        if (empty && errors.Count == 0)
        {
            errors.Add("$: nothing to amend (give at least one of awareAt, jurisdictions, dataCategories, subjectCount, unintelligible, malicious, seriousIncidentKind, causalLinkEstablishedAt, materialityDeterminedAt, lawEnforcementHold)");
        }
        return errors.Count > 0 ? (null, errors) : (amendment with { AmendedBy = amendedBy }, []);
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..(end + 1)] : message;
    }
}
