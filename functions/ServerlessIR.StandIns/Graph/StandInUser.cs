namespace ServerlessIR.StandIns.Graph;

/// <summary>A directory user the stand-in knows: Graph addresses users by object ID or UPN.</summary>
public sealed record StandInUser(string Id, string UserPrincipalName, string Mail);
