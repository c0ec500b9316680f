namespace ServerlessIR.Core.Approvals;

/// <summary>Lists an Entra ID group's user members (Graph <c>groups/{id}/members</c>).</summary>
public interface IApproverGroupResolver
{
    Task<IReadOnlyList<string>> GetMemberUpnsAsync(string groupId, CancellationToken cancellationToken = default);

    /// <summary>The members with their object IDs, which is what authorizes them; a resolver that cannot tell gives none.</summary>
    async Task<IReadOnlyList<Approver>> GetMembersAsync(string groupId, CancellationToken cancellationToken = default) =>
        [.. (await GetMemberUpnsAsync(groupId, cancellationToken)).Select(upn => new Approver(upn, null))];
}
