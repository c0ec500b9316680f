using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServerlessIR.Core.Incidents;

/// <summary>
/// Reads the bodies of <c>POST /api/incidents/{id}/tasks</c> (<c>{"title", "owner", "due", "aiSystem"}</c>) and
/// <c>POST /api/incidents/{id}/tasks/{taskId}</c> (<c>{"status": "done"|"waived", "reason"}</c>). Every error names its
/// field; any field not listed is an error too.
/// </summary>
public static class IncidentTaskReader
{
    /// <summary>The most tasks one incident carries; the record and the console show them all.</summary>
    public const int MaxTasks = 50;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
    };

    /// <summary>A new task, or the errors (each naming a field).</summary>
    public static (IncidentTask? Task, IReadOnlyList<string> Errors) ReadNew(string json, string taskId, string createdBy)
    {
        ArgumentNullException.ThrowIfNull(json);
        var (body, error) = FormJson.Deserialize<NewBody>(json, Options);
        if (body is null)
        {
            return (null, [error!]);
        }
        var errors = new List<string>();
        var title = Required("title", body.Title, FormLimits.Name, "what is to be done, in one line", errors);
        var owner = Required("owner", body.Owner, FormLimits.Name, "the owner's e-mail address; reminders go there", errors);
        if (owner is not null && !IsAddress(owner))
        {
            errors.Add($"owner: '{FormText.Quote(owner)}' is not an e-mail address; reminders are sent there");
        }
        var (aiSystem, aiError) = FormText.Check("aiSystem", body.AiSystem, FormLimits.Code, multiline: false);
        if (aiError is not null)
        {
            errors.Add(aiError);
        }
        if (body.Due is not { } due)
        {
            errors.Add("due: required; an ISO 8601 instant in incident time, e.g. 2026-12-01T12:00:00Z");
        }
        else if (due < FormLimits.EarliestInstant || due >= FormLimits.LatestInstant)
        {
            errors.Add($"due: must be between {FormLimits.EarliestInstant:yyyy-MM-dd} and {FormLimits.LatestInstant:yyyy-MM-dd}");
        }
        return errors.Count > 0
            ? (null, errors)
            : (new IncidentTask(taskId, title!, owner!, body.Due!.Value.ToUniversalTime(), string.IsNullOrEmpty(aiSystem) ? null : aiSystem, "person", createdBy), []);
    }

    /// <summary>A completion or waiver, or the errors (each naming a field).</summary>
    public static (TaskResolution? Resolution, IReadOnlyList<string> Errors) ReadResolution(string json, string taskId, string by)
    {
        ArgumentNullException.ThrowIfNull(json);
        var (body, error) = FormJson.Deserialize<ResolutionBody>(json, Options);
        if (body is null)
        {
            return (null, [error!]);
        }
        var (reason, reasonError) = FormText.Check("reason", body.Reason, FormLimits.FreeText, multiline: true);
        if (reasonError is not null)
        {
            return (null, [reasonError]);
        }
        var status = body.Status?.Trim().ToLowerInvariant() switch
        {
            "done" => IncidentTaskStatus.Done,
            "waived" => IncidentTaskStatus.Waived,
            _ => (IncidentTaskStatus?)null,
        };
        if (status is null)
        {
            return (null, [$"status: must be 'done' or 'waived' (got '{FormText.Quote(body.Status)}')"]);
        }
        if (status == IncidentTaskStatus.Waived && string.IsNullOrEmpty(reason))
        {
            return (null, ["reason: required to waive a task; say why it need not be done (it goes into the evidence)"]);
        }
        return (new TaskResolution(taskId, status.Value, by, string.IsNullOrEmpty(reason) ? null : reason), []);
    }

    private static string? Required(string field, string? value, int max, string what, List<string> errors)
    {
        var (text, error) = FormText.Check(field, value, max, multiline: false);
        if (error is not null)
        {
            errors.Add(error);
            return null;
        }
        if (string.IsNullOrEmpty(text))
        {
            errors.Add($"{field}: required; {what}");
            return null;
        }
        return text;
    }

    private static bool IsAddress(string value)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == value.LastIndexOf('@') && at < value.Length - 1 && !value.Any(char.IsWhiteSpace);
    }

    private sealed record NewBody(string? Title, string? Owner, DateTimeOffset? Due, string? AiSystem);

    private sealed record ResolutionBody(string? Status, string? Reason);
}
