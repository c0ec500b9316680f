namespace ServerlessIR.Core.Approvals;

/// <summary>Lists the UPNs of an Entra ID group's user members (Graph <c>groups/{id}/members</c>).</summary>
public interface IApproverGroupResolver
{
    Task<IReadOnlyList<string>> GetMemberUpnsAsync(string groupId, CancellationToken cancellationToken = default);
}
