using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Containment;

/// <summary>
/// A rotation hook: asks the issuer of a credential (e.g. Salesforce for a connected app's consumer secret) for a fresh one, so
/// the leaked value stops working at its source and not only in our store.
/// </summary>
public interface ICredentialIssuer
{
    /// <summary>Issues a fresh credential. The issuer answers a repeated <paramref name="idempotencyKey"/> with the same credential.</summary>
    Task<string> IssueAsync(SecretRotation rotation, string idempotencyKey, CancellationToken cancellationToken = default);
}
