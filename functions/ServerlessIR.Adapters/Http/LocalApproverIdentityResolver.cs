using Microsoft.AspNetCore.Http;
using ServerlessIR.Core.Approvals;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Adapters.Http;

/// <summary>
/// The local host's identity: in a drill, the <c>X-ServerlessIR-Local-Approver</c> header (the drill's simulated people
/// act as several approvers; <see cref="ApproverIdentityOptions.AllowApproverHeader"/> is set by the drill alone), else
/// the person whose <see cref="LocalSessions"/> cookie the request carries (the sign-in <c>ir serve</c> prints), else
/// nobody. Outside a drill the header is ignored: any local process, or a page that rebinds a name to 127.0.0.1, could
/// send it. The object ID comes from the playbook, which is the local host's directory as Entra ID is Azure's: a person
/// the playbook gives none cannot decide. This resolver must never be registered in Azure.
/// </summary>
public sealed class LocalApproverIdentityResolver : IApproverIdentityResolver
{
    public const string HeaderName = "X-ServerlessIR-Local-Approver";

    private readonly ApproverIdentityOptions options;
    private readonly LocalSessions? sessions;
    private readonly IPlaybookProvider? playbooks;

    public LocalApproverIdentityResolver(ApproverIdentityOptions options, LocalSessions? sessions = null, IPlaybookProvider? playbooks = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        this.sessions = sessions;
        this.playbooks = playbooks;
    }

    public Task<CallerIdentity?> ResolveAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? person = null;
        if (options.AllowApproverHeader)
        {
            var header = request.Headers[HeaderName].ToString();
            if (!string.IsNullOrWhiteSpace(header))
            {
                person = header.Trim();
            }
        }
        person ??= sessions?.Resolve(request);
        return Task.FromResult(person is null ? null
            : new CallerIdentity(person, playbooks is null ? null : Responders.ObjectIdOf(playbooks.Current, person)));
    }
}
