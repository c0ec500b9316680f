using System.Net;
using ServerlessIR.Core.Containment;

namespace ServerlessIR.Adapters.Containment;

/// <summary>Sends a hook call and classifies failures: no answer, 408, 429 and 5xx are transient (retried); other refusals are permanent.</summary>
internal static class HookHttp
{
    /// <param name="transientOnly">When false, every answer is returned to the caller: a probe reads any refusal, 503 included, as
    /// "unhealthy" (the service said so); only no answer at all stays transient.</param>
    /// <exception cref="TransientContainmentException">No answer, 408, 429 or 5xx (see its remarks for why not HttpRequestException).</exception>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request, bool transientOnly, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        using (request)
        {
            try
            {
                response = await http.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException ex)
            {
                throw new TransientContainmentException($"{request.RequestUri?.GetLeftPart(UriPartial.Path)} did not answer: {ex.Message}");
            }
        }
        if (response.IsSuccessStatusCode || !transientOnly)
        {
            return response;
        }
        var status = response.StatusCode;
        var transient = status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
        response.Dispose();
        var where = request.RequestUri?.GetLeftPart(UriPartial.Path);
        throw transient
            ? new TransientContainmentException($"{where} answered {(int)status} (transient)")
            : new PermanentContainmentException($"{where} refused with {(int)status}");
    }
}
