using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServerlessIR.Core.Incidents;

/// <summary>
/// Reads the body of <c>POST /api/incidents/{id}/false-positive</c>: <c>{"reason": "..."}</c>. The reason is required,
/// one to <see cref="FormLimits.FreeText"/> characters, and kept in the evidence; any other field is an error naming it.
/// </summary>
public static class FalsePositiveRequestReader
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
    };

    /// <summary>The request, or the errors (each naming a field).</summary>
    public static (FalsePositiveRequest? Request, IReadOnlyList<string> Errors) Read(string json, string declaredBy)
    {
        ArgumentNullException.ThrowIfNull(json);
        var (body, error) = FormJson.Deserialize<Body>(json, Options);
        if (body is null)
        {
            return (null, [error!]);
        }
        var (reason, reasonError) = FormText.Check("reason", body.Reason, FormLimits.FreeText, multiline: true);
        if (reasonError is not null)
        {
            return (null, [reasonError]);
        }
        return string.IsNullOrEmpty(reason)
            ? (null, [$"reason: required; say why this is a false positive (1 to {FormLimits.FreeText} characters); it goes into the evidence"])
            : (new FalsePositiveRequest(declaredBy, reason), []);
    }

    private sealed record Body(string? Reason);
}
