namespace ServerlessIR.Core.Approvals;

/// <summary>Bound from <c>ServerlessIR:Approvals</c>.</summary>
public sealed class ApprovalTokenOptions
{
    public const string SectionName = "ServerlessIR:Approvals";

    /// <summary>Name of the secret (Key Vault locally mirrored by configuration) holding the HMAC key.</summary>
    public string SigningKeySecret { get; set; } = Secrets.SecretNames.ApprovalSigningKey;

    /// <summary>Public base URL of the HTTP routes, e.g. <c>https://func-x.azurewebsites.net</c>; links are built from it.</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:7071";
}
