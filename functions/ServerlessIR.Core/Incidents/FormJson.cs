using System.Text.Json;

namespace ServerlessIR.Core.Incidents;

/// <summary>
/// Deserialises a posted JSON body into its record, turning every way a body can be wrong (not JSON, wrong types,
/// unknown or repeated fields, lone surrogates, nesting too deep) into one error that names the JSON path.
/// </summary>
public static class FormJson
{
    public static (T? Value, string? Error) Deserialize<T>(string json, JsonSerializerOptions options)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            var value = JsonSerializer.Deserialize<T>(json, options);
            return value is null ? (null, "$: the body must be a JSON object") : (value, null);
        }
        catch (JsonException ex)
        {
            var path = ex.Path ?? "$";
            // The serializer wraps a string it cannot decode (a lone surrogate escape) without saying why.
            var why = ex.InnerException is InvalidOperationException
                ? "the value is not valid text (a lone UTF-16 surrogate, or not a string)"
                : FirstSentence(ex.Message);
            return (null, $"{path}: {why}");
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        var first = end > 0 ? message[..(end + 1)] : message;
        // The serializer names .NET types; a caller knows JSON.
        return first.Replace("System.String", "a string", StringComparison.Ordinal)
            .Replace("System.Int64", "a whole number", StringComparison.Ordinal)
            .Replace("System.Boolean", "true or false", StringComparison.Ordinal)
            .Replace("System.DateTimeOffset", "an ISO 8601 instant", StringComparison.Ordinal);
    }
}
