using Microsoft.AspNetCore.Http;

namespace ServerlessIR.Adapters.Http;

/// <summary>
/// The local host's identity: the <c>X-ServerlessIR-Local-Approver</c> header when the host enables it (drills act as
/// several approvers), else the configured <c>ServerlessIR:Local:ApproverIdentity</c>, else nobody. The local host
/// listens on loopback only; this resolver must never be registered in Azure.
/// </summary>
public sealed class LocalApproverIdentityResolver : IApproverIdentityResolver
{
    public const string HeaderName = "X-ServerlessIR-Local-Approver";

    private readonly ApproverIdentityOptions options;

    public LocalApproverIdentityResolver(ApproverIdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
    }

    public Task<string?> ResolveAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (options.AllowApproverHeader)
        {
            var header = request.Headers[HeaderName].ToString();
            if (!string.IsNullOrWhiteSpace(header))
            {
                return Task.FromResult<string?>(header.Trim());
            }
        }
        return Task.FromResult(string.IsNullOrWhiteSpace(options.ApproverIdentity) ? null : options.ApproverIdentity);
    }
}
