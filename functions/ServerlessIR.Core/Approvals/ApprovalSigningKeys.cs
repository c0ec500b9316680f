using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using ServerlessIR.Core.Secrets;

namespace ServerlessIR.Core.Approvals;

/// <summary>
/// The key set approval links are signed and checked with: the current key (secret
/// <see cref="ApprovalTokenOptions.SigningKeySecret"/>) signs, and the previous one (the same name with
/// <see cref="PreviousSuffix"/>, optional) still verifies, so links sent before a rotation keep working until they expire.
/// The set is re-read from the secret store once <see cref="ApprovalTokenOptions.KeyCacheSeconds"/> have passed, so a
/// rotation (write the old value to <c>…-previous</c>, a new one to the current secret) needs no restart.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The SemaphoreSlim is only awaited (WaitAsync): it never allocates a wait handle, so there is nothing to dispose.")]
public sealed class ApprovalSigningKeys
{
    /// <summary>Appended to the signing secret's name for the key that verifies only.</summary>
    public const string PreviousSuffix = "-previous";

    private const int MinKeyLength = 32;

    private readonly ISecretStore secrets;
    private readonly ApprovalTokenOptions options;
    private readonly TimeProvider time;
    private readonly SemaphoreSlim refresh = new(1, 1);
    private (IReadOnlyList<ApprovalSigningKey> Keys, DateTimeOffset ReadAt)? cached;

    public ApprovalSigningKeys(ISecretStore secrets, ApprovalTokenOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(options);
        this.secrets = secrets;
        this.options = options;
        this.time = time ?? TimeProvider.System;
    }

    /// <summary>The key ID of <paramref name="key"/>: <c>k</c> and the first 8 bytes of its SHA-256, base64url.</summary>
    public static string KeyIdOf(byte[] key) => "k" + Base64Url.EncodeToString(SHA256.HashData(key).AsSpan(0, 8));

    /// <summary>The key that signs new links.</summary>
    public async Task<ApprovalSigningKey> CurrentAsync(CancellationToken cancellationToken = default) =>
        (await AllAsync(cancellationToken)).First(k => k.Current);

    /// <summary>Every key that verifies, current first.</summary>
    public async Task<IReadOnlyList<ApprovalSigningKey>> AllAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (cached is { } fresh && now - fresh.ReadAt < TimeSpan.FromSeconds(options.KeyCacheSeconds))
        {
            return fresh.Keys;
        }
        await refresh.WaitAsync(cancellationToken);
        try
        {
            if (cached is { } again && now - again.ReadAt < TimeSpan.FromSeconds(options.KeyCacheSeconds))
            {
                return again.Keys;
            }
            var current = Checked(options.SigningKeySecret, await secrets.GetSecretAsync(options.SigningKeySecret, cancellationToken));
            var keys = new List<ApprovalSigningKey> { new(KeyIdOf(current), current, Current: true) };
            var previousName = options.SigningKeySecret + PreviousSuffix;
            try
            {
                var previous = Checked(previousName, await secrets.GetSecretAsync(previousName, cancellationToken));
                if (KeyIdOf(previous) != keys[0].KeyId)
                {
                    keys.Add(new(KeyIdOf(previous), previous, Current: false));
                }
            }
            catch (KeyNotFoundException)
            {
                // No rotation in progress: only the current key verifies.
            }
            cached = (keys, now);
            return keys;
        }
        finally
        {
            refresh.Release();
        }
    }

    private static byte[] Checked(string name, string? secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length < MinKeyLength)
        {
            // The message names the secret, never its value.
            throw new InvalidOperationException($"Secret '{name}' must hold at least {MinKeyLength} characters to sign approval links.");
        }
        return Encoding.UTF8.GetBytes(secret);
    }
}
