namespace ServerlessIR.Core.Secrets;

/// <summary>
/// Reads a named secret (in Azure: Key Vault; locally: configuration). Callers pass the secret's name, never its value,
/// and must never log or echo what comes back.
/// </summary>
public interface ISecretStore
{
    /// <summary>The current value of the secret called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No secret has that name.</exception>
    Task<string> GetSecretAsync(string name, CancellationToken ct = default);
}
