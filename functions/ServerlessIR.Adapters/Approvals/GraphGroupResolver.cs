using Microsoft.Graph;
using Microsoft.Graph.Models;
using ServerlessIR.Core.Approvals;

namespace ServerlessIR.Adapters.Approvals;

/// <summary>
/// Resolves an approver group to its users (UPN and object ID) through Graph <c>GET groups/{id}/members</c> (GroupMember.Read.All),
/// following paging. Nested groups, devices and service principals are skipped: only people approve.
/// </summary>
public sealed class GraphGroupResolver : IApproverGroupResolver
{
    private readonly GraphServiceClient graph;

    public GraphGroupResolver(GraphServiceClient graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        this.graph = graph;
    }

    public async Task<IReadOnlyList<string>> GetMemberUpnsAsync(string groupId, CancellationToken cancellationToken = default) =>
        [.. (await GetMembersAsync(groupId, cancellationToken)).Select(m => m.Upn)];

    /// <summary>The group's users with their object IDs (<c>id</c>), which is what authorizes them.</summary>
    public async Task<IReadOnlyList<Approver>> GetMembersAsync(string groupId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupId);
        var page = await graph.Groups[groupId].Members.GetAsync(
            r => r.QueryParameters.Select = ["id", "userPrincipalName", "mail"], cancellationToken);
        var members = new List<Approver>();
        if (page is null)
        {
            return members;
        }
        var iterator = PageIterator<DirectoryObject, DirectoryObjectCollectionResponse>.CreatePageIterator(
            graph,
            page,
            member =>
            {
                if (member is User { UserPrincipalName: { Length: > 0 } upn } user)
                {
                    members.Add(new Approver(upn, user.Id));
                }
                return true;
            });
        await iterator.IterateAsync(cancellationToken);
        return [.. members.DistinctBy(m => m.Upn, StringComparer.OrdinalIgnoreCase)];
    }
}
