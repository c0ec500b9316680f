namespace ServerlessIR.Core.Approvals;

/// <summary>
/// Who is calling, as the host's sign-in established it. Decisions are made on <see cref="ObjectId"/> (the Entra object
/// ID, <c>oid</c>) and <see cref="Roles"/> (app roles), never on <see cref="Name"/>: a UPN or e-mail can be renamed or
/// reassigned, an object ID cannot. <see cref="Name"/> is what pages, replies and evidence show a person.
/// </summary>
public sealed record CallerIdentity(string Name, string? ObjectId, IReadOnlyList<string> Roles)
{
    public CallerIdentity(string name, string? objectId)
        : this(name, objectId, [])
    {
    }
}
