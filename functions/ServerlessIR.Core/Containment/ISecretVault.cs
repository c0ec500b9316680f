namespace ServerlessIR.Core.Containment;

/// <summary>The write side of the secret store (Key Vault) that rotation needs: versions, tags, disabling.</summary>
public interface ISecretVault
{
    /// <summary>The version of secret <paramref name="name"/> tagged <paramref name="tag"/> = <paramref name="value"/>, or null.</summary>
    Task<string?> FindVersionByTagAsync(string name, string tag, string value, CancellationToken cancellationToken = default);

    /// <summary>Stores a new version with tags and returns its version ID.</summary>
    Task<string> SetAsync(string name, string secretValue, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken = default);

    /// <summary>Disables every enabled version but <paramref name="keepVersion"/>; returns the versions it disabled.</summary>
    Task<IReadOnlyList<string>> DisableAllExceptAsync(string name, string keepVersion, CancellationToken cancellationToken = default);
}
