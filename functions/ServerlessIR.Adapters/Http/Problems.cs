using Microsoft.AspNetCore.Http;

namespace ServerlessIR.Adapters.Http;

/// <summary>problem+json answers (RFC 9457) for the JSON routes, with the offending fields under <c>errors</c>.</summary>
public static class Problems
{
    public static IResult Create(int status, string title, string detail, IReadOnlyList<string>? errors) =>
        Results.Problem(detail, statusCode: status, title: title,
            extensions: errors is null ? null : new Dictionary<string, object?> { ["errors"] = errors });
}
