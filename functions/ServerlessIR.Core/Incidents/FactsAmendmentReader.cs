using System.Text.Json;
using ServerlessIR.Core.Assessment;

namespace ServerlessIR.Core.Incidents;

/// <summary>
/// Reads the body of <c>POST /api/incidents/{id}/facts</c>. Unknown or repeated fields, wrong types, unknown
/// jurisdictions, data categories or regimes, and values over their <see cref="FormLimits"/> are errors naming the field,
/// so a typo never silently leaves a clock where it was and no value can grow the incident's record without bound.
/// </summary>
public static class FactsAmendmentReader
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
    };

    private static readonly string[] SeriousIncidentKinds = ["none", "other", "death", "widespread-infringement", "critical-infrastructure"];

    /// <summary>The amendment, or the errors (each naming a field) when the body is not acceptable.</summary>
    public static (FactsAmendment? Amendment, IReadOnlyList<string> Errors) Read(string json, string amendedBy)
    {
        ArgumentNullException.ThrowIfNull(json);
        var (amendment, error) = FormJson.Deserialize<FactsAmendment>(json, Options);
        if (amendment is null)
        {
            return (null, [error!]);
        }
        var errors = new List<string>();
        CheckCodes(errors, "jurisdictions", amendment.Jurisdictions, Jurisdictions.IsValid, "an ISO 3166-1 alpha-2 or 3166-2 code");
        CheckCodes(errors, "dataCategories", amendment.DataCategories, BreachFactsReader.DataCategories.Contains,
            "one of " + string.Join(", ", BreachFactsReader.DataCategories));
        if (amendment.SubjectCount is < 0 or > FormLimits.MaxSubjectCount)
        {
            errors.Add($"subjectCount: must be from 0 to {FormLimits.MaxSubjectCount}");
        }
        if (amendment.SeriousIncidentKind is { } kind && !SeriousIncidentKinds.Contains(kind))
        {
            errors.Add($"seriousIncidentKind: '{FormText.Quote(kind)}' is not one of {string.Join(", ", SeriousIncidentKinds)}");
        }
        CheckInstant(errors, "awareAt", amendment.AwareAt);
        CheckInstant(errors, "causalLinkEstablishedAt", amendment.CausalLinkEstablishedAt);
        CheckInstant(errors, "materialityDeterminedAt", amendment.MaterialityDeterminedAt);
        var (note, noteError) = FormText.Check("note", amendment.Note, FormLimits.FreeText, multiline: true);
        AddIf(errors, noteError);
        amendment = amendment with { Note = string.IsNullOrEmpty(note) ? null : note };
        if (amendment.LawEnforcementHold is { } hold)
        {
            amendment = amendment with { LawEnforcementHold = ReadHold(hold, errors) };
        }
        var empty = amendment.OnlyHold && amendment.LawEnforcementHold is null;
        if (empty && errors.Count == 0)
        {
            errors.Add("$: nothing to amend (give at least one of awareAt, jurisdictions, dataCategories, subjectCount, unintelligible, malicious, seriousIncidentKind, causalLinkEstablishedAt, materialityDeterminedAt, lawEnforcementHold)");
        }
        return errors.Count > 0 ? (null, errors) : (amendment with { AmendedBy = amendedBy }, []);
    }

    private static LawEnforcementHold ReadHold(LawEnforcementHold hold, List<string> errors)
    {
        // A positional record leaves an absent list null: absent means every regime.
        var regimes = hold.Regimes ?? [];
        CheckCodes(errors, "lawEnforcementHold.regimes", regimes, id => RegimeCatalog.Default.Regimes.Any(r => r.Id == id), "a regime ID (docs/regimes.md)");
        var (requestedBy, requestedByError) = FormText.Check("lawEnforcementHold.requestedBy", hold.RequestedBy, FormLimits.Name, multiline: false);
        var (reason, reasonError) = FormText.Check("lawEnforcementHold.reason", hold.Reason, FormLimits.FreeText, multiline: true);
        AddIf(errors, requestedByError ?? (string.IsNullOrEmpty(requestedBy) ? "lawEnforcementHold.requestedBy: required (the agency and officer)" : null));
        AddIf(errors, reasonError ?? (string.IsNullOrEmpty(reason) ? "lawEnforcementHold.reason: required" : null));
        return hold with { Regimes = regimes, RequestedBy = requestedBy ?? "", Reason = reason ?? "" };
    }

    private static void CheckCodes(List<string> errors, string field, IReadOnlyList<string> values, Func<string, bool> known, string expected)
    {
        if (values.Count > FormLimits.ListEntries)
        {
            errors.Add($"{field}: at most {FormLimits.ListEntries} entries (got {values.Count})");
            return;
        }
        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i];
            if (value is null || value.Length > FormLimits.Code || !known(value))
            {
                errors.Add($"{field}[{i}]: '{FormText.Quote(value)}' is not {expected}");
            }
        }
    }

    private static void CheckInstant(List<string> errors, string field, DateTimeOffset? value)
    {
        if (value is { } at && (at < FormLimits.EarliestInstant || at >= FormLimits.LatestInstant))
        {
            errors.Add($"{field}: must fall between {FormLimits.EarliestInstant:yyyy-MM-dd} and {FormLimits.LatestInstant:yyyy-MM-dd}");
        }
    }

    private static void AddIf(List<string> errors, string? error)
    {
        if (error is not null)
        {
            errors.Add(error);
        }
    }
}
