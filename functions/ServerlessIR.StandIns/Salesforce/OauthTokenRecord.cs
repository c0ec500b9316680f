namespace ServerlessIR.StandIns.Salesforce;

/// <summary>An <c>OauthToken</c> row: <see cref="DeleteToken"/> is what the revoke endpoint takes.</summary>
public sealed record OauthTokenRecord(string Id, string AppName, string UserId, string DeleteToken, int UseCount)
{
    public bool Revoked { get; set; }
}
