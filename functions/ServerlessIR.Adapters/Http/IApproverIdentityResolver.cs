using Microsoft.AspNetCore.Http;

namespace ServerlessIR.Adapters.Http;

/// <summary>Who is making a request to an approval or notice page (a UPN), or null when that cannot be trusted.</summary>
public interface IApproverIdentityResolver
{
    Task<string?> ResolveAsync(HttpRequest request, CancellationToken cancellationToken = default);
}
