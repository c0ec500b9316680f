using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;

namespace ServerlessIR.Adapters.Notifications;

/// <summary>
/// Authenticates Graph calls to the local stand-in with a fixed bearer value. The SDK's TokenCredential provider sends
/// no token to hosts other than Graph's, so the stand-in needs its own; it is never used against a real tenant.
/// </summary>
public sealed class StandInAuthenticationProvider : IAuthenticationProvider
{
    public const string Token = "serverlessir-local-stand-in";

    public Task AuthenticateRequestAsync(
        RequestInformation request,
        Dictionary<string, object>? additionalAuthenticationContext = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Add("Authorization", "Bearer " + Token);
        return Task.CompletedTask;
    }
}
