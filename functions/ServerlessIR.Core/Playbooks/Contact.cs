namespace ServerlessIR.Core.Playbooks;

/// <summary>A person or role reached by e-mail; an Entra ID group when it stands for a tier of approvers.</summary>
public sealed record Contact
{
    public required string Name { get; init; }
    public required string Email { get; init; }
    public string? EntraGroupId { get; init; }

    /// <summary>The person's Entra object ID (<c>oid</c>): what authorizes them; the e-mail only reaches them.</summary>
    public string? ObjectId { get; init; }
}
