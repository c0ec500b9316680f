namespace ServerlessIR.Core.Secrets;

/// <summary>Reads secrets by name (in Azure: Key Vault). Values never reach logs, evidence or exceptions.</summary>
public interface ISecretStore
{
    /// <summary>The current value of secret <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No secret of that name (the message names the secret, never a value).</exception>
    Task<string> GetSecretAsync(string name, CancellationToken cancellationToken = default);
}
