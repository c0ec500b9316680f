namespace ServerlessIR.Core.Approvals;

/// <summary>
/// One HMAC key for approval links and its key ID (a fingerprint of the key, so the ID needs no configuration and cannot
/// drift from the key). <see cref="ToString"/> never shows the key.
/// </summary>
/// <param name="Current">True for the key that signs new links; the others only verify links already sent.</param>
public sealed record ApprovalSigningKey(string KeyId, byte[] Key, bool Current)
{
    public override string ToString() => $"ApprovalSigningKey {{ KeyId = {KeyId}, Key = [redacted], Current = {Current} }}";
}
