using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ServerlessIR.Core.Secrets;

namespace ServerlessIR.Core.Approvals;

/// <summary>
/// Issues and checks approval links: <c>base64url(JSON payload) "." base64url(HMAC-SHA256(payload segment))</c>, keyed
/// with the current key of <see cref="ApprovalSigningKeys"/>; the payload names the key (<c>kid</c>), so a link signed
/// before a rotation is checked with the previous key, and one whose key has left the set is refused as retired. A link
/// is a bearer capability, so the service checks signature and expiry only; who may use it (approver lists) and whether
/// it was used (the ledger) are checked by the handler.
/// </summary>
public sealed class ApprovalTokenService
{
    /// <summary>Anything longer is not ours; refusing it early keeps hostile input away from the decoder.</summary>
    public const int MaxTokenLength = 2048;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    private readonly ApprovalSigningKeys keys;
    private readonly ApprovalTokenOptions options;

    public ApprovalTokenService(ISecretStore secrets, ApprovalTokenOptions options, TimeProvider? time = null)
        : this(new ApprovalSigningKeys(secrets, options, time), options)
    {
    }

    public ApprovalTokenService(ApprovalSigningKeys keys, ApprovalTokenOptions options)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(options);
        this.keys = keys;
        this.options = options;
    }

    /// <summary>Signs a new token with a fresh random nonce. Runs in an activity: it is neither deterministic nor meant to be.</summary>
    public Task<SignedApprovalToken> IssueAsync(
        string incidentId,
        string actionId,
        string tier,
        ApprovalPurpose purpose,
        DateTimeOffset expiresAt,
        string? noticeId = null,
        CancellationToken cancellationToken = default) =>
        IssueCoreAsync(incidentId, actionId, tier, purpose, expiresAt, noticeId, requestId: null, cancellationToken);

    /// <summary>
    /// Signs a link that asks a second person to decide on dual-control request <paramref name="requestId"/> (a false
    /// positive, a hold, an awareness move) about <paramref name="kind"/>.
    /// </summary>
    public Task<SignedApprovalToken> IssueDualControlAsync(
        string incidentId, string kind, string requestId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) =>
        IssueCoreAsync(incidentId, kind, DualControlTier, ApprovalPurpose.DualControl, expiresAt, noticeId: null, requestId, cancellationToken);

    /// <summary>The tier a dual-control token names: the second person is one rung, not the containment ladder.</summary>
    public const string DualControlTier = "second-person";

    private async Task<SignedApprovalToken> IssueCoreAsync(
        string incidentId, string actionId, string tier, ApprovalPurpose purpose, DateTimeOffset expiresAt, string? noticeId,
        string? requestId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(incidentId);
        ArgumentException.ThrowIfNullOrWhiteSpace(actionId);
        ArgumentException.ThrowIfNullOrWhiteSpace(tier);
        if (purpose == ApprovalPurpose.Notice && string.IsNullOrWhiteSpace(noticeId))
        {
            throw new ArgumentException("A notice token names the notice it is for.", nameof(noticeId));
        }
        if (purpose == ApprovalPurpose.DualControl && string.IsNullOrWhiteSpace(requestId))
        {
            throw new ArgumentException("A dual-control token names the request it seconds.", nameof(requestId));
        }

        var key = await keys.CurrentAsync(cancellationToken);
        var payload = new ApprovalToken
        {
            IncidentId = incidentId,
            ActionId = actionId,
            Tier = tier,
            Purpose = purpose,
            NoticeId = purpose == ApprovalPurpose.Notice ? noticeId : null,
            RequestId = purpose == ApprovalPurpose.DualControl ? requestId : null,
            ExpiresAt = expiresAt.ToUniversalTime(),
            Nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)),
            KeyId = key.KeyId,
        };
        var body = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(payload, JsonOptions));
        var signature = Base64Url.EncodeToString(Sign(key.Key, body));
        return new SignedApprovalToken(body + "." + signature, payload);
    }

    /// <summary>Checks key, signature (in constant time) and expiry. Never throws for bad input: a refusal is a result.</summary>
    public async Task<ApprovalTokenValidation> ValidateAsync(string? token, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
        {
            return Result(ApprovalTokenStatus.Malformed);
        }
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == token.Length - 1 || token.IndexOf('.', dot + 1) >= 0)
        {
            return Result(ApprovalTokenStatus.Malformed);
        }
        var body = token[..dot];
        var signatureText = token[(dot + 1)..];
        if (!Base64Url.IsValid(body) || !Base64Url.IsValid(signatureText))
        {
            return Result(ApprovalTokenStatus.Malformed);
        }

        // The payload is read before the signature is checked only to learn which key to check it with; nothing else
        // in it is believed until the signature holds.
        var unverified = Read(body);
        var keySet = await keys.AllAsync(cancellationToken);
        var candidates = unverified?.KeyId is { } keyId ? keySet.Where(k => k.KeyId == keyId).ToList() : [.. keySet];
        if (candidates.Count == 0)
        {
            return Result(ApprovalTokenStatus.KeyRetired);
        }
        var presented = Base64Url.DecodeFromChars(signatureText);
        if (!candidates.Any(k => CryptographicOperations.FixedTimeEquals(presented, Sign(k.Key, body))))
        {
            return Result(ApprovalTokenStatus.Forged);
        }

        // Only a key holder can produce a genuine signature, so an unreadable payload means our own format changed.
        var payload = unverified;
        if (payload is null
            || (payload.Purpose == ApprovalPurpose.Notice && string.IsNullOrEmpty(payload.NoticeId))
            || (payload.Purpose == ApprovalPurpose.DualControl && string.IsNullOrEmpty(payload.RequestId)))
        {
            return Result(ApprovalTokenStatus.Malformed);
        }
        return payload.ExpiresAt <= now
            ? new ApprovalTokenValidation(ApprovalTokenStatus.Expired, payload)
            : new ApprovalTokenValidation(ApprovalTokenStatus.Valid, payload);
    }

    /// <summary>
    /// The link for a token: through the sign-in (<see cref="ApprovalTokenOptions.SignInPath"/>) to the page,
    /// <c>/api/approvals/{token}</c> (steps and dual-control requests) or <c>/api/notices/{token}</c>.
    /// </summary>
    public string LinkFor(SignedApprovalToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        // The page path is URL-safe as it stands (base64url and dots), so it goes into the sign-in query unencoded and a
        // person can still read where the link leads.
        return $"{options.PublicBaseUrl.TrimEnd('/')}{options.SignInPath}{PagePathFor(token)}";
    }

    /// <summary>The page's own path, <c>/api/approvals/{token}</c> or <c>/api/notices/{token}</c>.</summary>
    public static string PagePathFor(SignedApprovalToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var route = token.Payload.Purpose == ApprovalPurpose.Notice ? "notices" : "approvals";
        return $"/api/{route}/{token.Value}";
    }

    private static ApprovalToken? Read(string body)
    {
        try
        {
            return JsonSerializer.Deserialize<ApprovalToken>(Base64Url.DecodeFromChars(body), JsonOptions);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return null;
        }
    }

    private static ApprovalTokenValidation Result(ApprovalTokenStatus status) => new(status, null);

    private static byte[] Sign(byte[] key, string body) => HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(body));
}
