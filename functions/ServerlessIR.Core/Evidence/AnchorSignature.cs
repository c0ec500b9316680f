namespace ServerlessIR.Core.Evidence;

/// <summary>A signature over an anchor's <see cref="AnchorSigning.Digest"/>, made by a key the app can use but not read.</summary>
/// <param name="KeyId">The signing key's full versioned ID (Key Vault: <c>https://{vault}/keys/{name}/{version}</c>).</param>
/// <param name="Algorithm">JSON Web Algorithm name, e.g. <c>ES256</c>.</param>
/// <param name="Value">The signature, base64url without padding (for ES256 the 64-byte R||S pair).</param>
public sealed record AnchorSignature(string KeyId, string Algorithm, string Value);
