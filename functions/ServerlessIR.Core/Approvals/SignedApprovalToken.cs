namespace ServerlessIR.Core.Approvals;

/// <summary>
/// The compact signed form of an <see cref="ApprovalToken"/> (base64url JSON "." base64url HMAC-SHA256): the
/// capability itself. Whoever holds <see cref="Value"/> can decide, so it is only ever put into the link and
/// <see cref="ToString"/> never shows it.
/// </summary>
public sealed record SignedApprovalToken(string Value, ApprovalToken Payload)
{
    public override string ToString() => $"SignedApprovalToken {{ Value = [redacted], Payload = {Payload} }}";
}
