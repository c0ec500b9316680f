namespace ServerlessIR.Core.Approvals;

/// <summary>
/// A person who may decide: the UPN messages go to and pages show, and the Entra object ID that authorizes them. Without
/// an object ID the person is asked (mail reaches them) but cannot decide until the playbook or the group gives one.
/// </summary>
public sealed record Approver(string Upn, string? ObjectId);
