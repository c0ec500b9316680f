using Microsoft.AspNetCore.Http;
using ServerlessIR.Core.Incidents;

namespace ServerlessIR.Adapters.Http;

/// <summary>Reads a request body of at most <see cref="FormLimits.MaxBodyBytes"/>, whether or not it declares its length.</summary>
internal static class BoundedBody
{
    /// <summary>The body's bytes, or null when it is larger than the limit (declared, or found by reading one byte past it).</summary>
    public static async Task<ArraySegment<byte>?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is > FormLimits.MaxBodyBytes)
        {
            return null;
        }
        var buffer = new byte[FormLimits.MaxBodyBytes + 1];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await request.Body.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
        {
            read += n;
        }
        return read > FormLimits.MaxBodyBytes ? null : (ArraySegment<byte>?)new ArraySegment<byte>(buffer, 0, read);
    }
}
