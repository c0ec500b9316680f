namespace ServerlessIR.Core.Approvals;

/// <summary>Bound from <c>ServerlessIR:Approvals</c>.</summary>
public sealed class ApprovalTokenOptions
{
    public const string SectionName = "ServerlessIR:Approvals";

    /// <summary>Name of the secret (Key Vault locally mirrored by configuration) holding the HMAC key.</summary>
    public string SigningKeySecret { get; set; } = Secrets.SecretNames.ApprovalSigningKey;

    /// <summary>Public base URL of the HTTP routes, e.g. <c>https://func-x.azurewebsites.net</c>; links are built from it.</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:7071";

    /// <summary>
    /// The sign-in path a link goes through, ending where the page's path is appended (URL-encoded): App Service
    /// Authentication's login redirect in Azure, so a person without a session signs in and lands on the page instead of
    /// a 401. The local host sets its own sign-in. Empty: links point straight at the page.
    /// </summary>
    public string SignInPath { get; set; } = "/.auth/login/aad?post_login_redirect_uri=";

    /// <summary>How long the signing key set is kept before it is read again, so a key rotation needs no restart.</summary>
    public int KeyCacheSeconds { get; set; } = 60;

    /// <summary>How long a person asked to second an undo, hold or awareness move has to answer.</summary>
    public int DualControlHours { get; set; } = 24;
}
