namespace ServerlessIR.Core.Secrets;

/// <summary>Names of the secrets the pipeline reads (Key Vault secret names in Azure).</summary>
public static class SecretNames
{
    /// <summary>The key of the <c>/api/events</c> webhook (locally; in Azure the Functions host checks its function key).</summary>
    public const string WebhookKey = "webhook-key";

    /// <summary>HMAC key (base64) for pseudonyms of customer identifiers.</summary>
    public const string PseudonymKey = "pseudonym-key";

    /// <summary>HMAC key (base64) signing approval and notice links.</summary>
    public const string ApprovalSigningKey = "approval-signing-key";
}
