using Microsoft.AspNetCore.Http;
using ServerlessIR.Core.Approvals;

namespace ServerlessIR.Adapters.Http;

/// <summary>Who is making a request to a page or an incident route, or null when that cannot be trusted.</summary>
public interface IApproverIdentityResolver
{
    Task<CallerIdentity?> ResolveAsync(HttpRequest request, CancellationToken cancellationToken = default);
}
