namespace ServerlessIR.Core.Playbooks;

/// <summary>
/// A secret that <c>keyvault.rotate-secret</c> rotates for an AI system: its Key Vault name and the rotation hook of the issuer
/// that mints a fresh credential (requests signed with HMAC key <see cref="SigningSecret"/> from the secret store).
/// </summary>
public sealed record SecretRotation
{
    public required string Secret { get; init; }
    public required string IssuerUrl { get; init; }
    public required string SigningSecret { get; init; }
}
