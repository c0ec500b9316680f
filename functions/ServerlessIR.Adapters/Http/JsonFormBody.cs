using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using ServerlessIR.Core.Incidents;

namespace ServerlessIR.Adapters.Http;

/// <summary>
/// Reads the body of a JSON form route (facts, false positive): <c>application/json</c> only, so a cross-site
/// <c>text/plain</c> form (which a browser sends without a preflight) is refused with 415 before anything parses it; at
/// most <see cref="FormLimits.MaxBodyBytes"/> (413 beyond); valid UTF-8 (400 otherwise).
/// </summary>
public static class JsonFormBody
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The body as text, or the problem to answer with.</summary>
    public static async Task<(string Body, IResult? Refusal)> ReadAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !string.Equals(type.MediaType.Value, "application/json", StringComparison.OrdinalIgnoreCase)
            || (type.Charset.HasValue && !string.Equals(type.Charset.Value, "utf-8", StringComparison.OrdinalIgnoreCase)))
        {
            return ("", Problems.Create(StatusCodes.Status415UnsupportedMediaType, "JSON only",
                $"Content-Type must be application/json (UTF-8); got '{FormText.Quote(request.ContentType ?? "none")}'.", ["Content-Type"]));
        }
        if (await BoundedBody.ReadAsync(request, cancellationToken) is not { } body)
        {
            return ("", Problems.Create(StatusCodes.Status413PayloadTooLarge, "Body too large", $"At most {FormLimits.MaxBodyBytes} bytes.", null));
        }
        try
        {
            return (StrictUtf8.GetString(body), null);
        }
        catch (DecoderFallbackException ex)
        {
            return ("", Problems.Create(StatusCodes.Status400BadRequest, "Invalid body",
                $"The body is not valid UTF-8 (at byte {ex.Index}).", ["$"]));
        }
    }
}
