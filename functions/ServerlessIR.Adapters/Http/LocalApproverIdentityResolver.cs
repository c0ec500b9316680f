using Microsoft.AspNetCore.Http;

namespace ServerlessIR.Adapters.Http;

/// <summary>
/// The local host's identity: in a drill, the <c>X-ServerlessIR-Local-Approver</c> header (the drill's simulated people
/// act as several approvers; <see cref="ApproverIdentityOptions.AllowApproverHeader"/> is set by the drill alone), else
/// the person whose <see cref="LocalSessions"/> cookie the request carries (the sign-in <c>ir serve</c> prints), else
/// nobody. Outside a drill the header is ignored: any local process, or a page that rebinds a name to 127.0.0.1, could
/// send it. This resolver must never be registered in Azure.
/// </summary>
public sealed class LocalApproverIdentityResolver : IApproverIdentityResolver
{
    public const string HeaderName = "X-ServerlessIR-Local-Approver";

    private readonly ApproverIdentityOptions options;
    private readonly LocalSessions? sessions;

    public LocalApproverIdentityResolver(ApproverIdentityOptions options, LocalSessions? sessions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        this.sessions = sessions;
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
        return Task.FromResult(sessions?.Resolve(request));
    }
}
