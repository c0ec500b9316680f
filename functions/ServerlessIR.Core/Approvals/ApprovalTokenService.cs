using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ServerlessIR.Core.Secrets;

namespace ServerlessIR.Core.Approvals;

/// <summary>
/// Issues and checks approval links: <c>base64url(JSON payload) "." base64url(HMAC-SHA256(payload segment))</c>, keyed
/// with a secret from <see cref="ISecretStore"/>. A link is a bearer capability, so the service checks signature and
/// expiry only; who may use it (approver lists) and whether it was used (the ledger) are checked by the handler.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The SemaphoreSlim is only awaited (WaitAsync): it never allocates a wait handle, so there is nothing to dispose.")]
public sealed class ApprovalTokenService
{
    /// <summary>Anything longer is not ours; refusing it early keeps hostile input away from the decoder.</summary>
    public const int MaxTokenLength = 2048;

    private const int MinKeyLength = 32;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    private readonly ISecretStore secrets;
    private readonly ApprovalTokenOptions options;
    private readonly SemaphoreSlim keyLock = new(1, 1);
    private byte[]? key;

    public ApprovalTokenService(ISecretStore secrets, ApprovalTokenOptions options)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(options);
        this.secrets = secrets;
        this.options = options;
    }

    /// <summary>Signs a new token with a fresh random nonce. Runs in an activity: it is neither deterministic nor meant to be.</summary>
    public async Task<SignedApprovalToken> IssueAsync(
        string incidentId,
        string actionId,
        string tier,
        ApprovalPurpose purpose,
        DateTimeOffset expiresAt,
        string? noticeId = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(incidentId);
        ArgumentException.ThrowIfNullOrWhiteSpace(actionId);
        ArgumentException.ThrowIfNullOrWhiteSpace(tier);
        if (purpose == ApprovalPurpose.Notice && string.IsNullOrWhiteSpace(noticeId))
        {
            throw new ArgumentException("A notice token names the notice it is for.", nameof(noticeId));
        }

        var payload = new ApprovalToken
        {
            IncidentId = incidentId,
            ActionId = actionId,
            Tier = tier,
            Purpose = purpose,
            NoticeId = purpose == ApprovalPurpose.Notice ? noticeId : null,
            ExpiresAt = expiresAt.ToUniversalTime(),
            Nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)),
        };
        var body = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(payload, JsonOptions));
        var signature = Base64Url.EncodeToString(Sign(await GetKeyAsync(cancellationToken), body));
        return new SignedApprovalToken(body + "." + signature, payload);
    }

    /// <summary>Checks signature (in constant time) and expiry. Never throws for bad input: a refusal is a result.</summary>
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

        var presented = Base64Url.DecodeFromChars(signatureText);
        var expected = Sign(await GetKeyAsync(cancellationToken), body);
        if (!CryptographicOperations.FixedTimeEquals(presented, expected))
        {
            return Result(ApprovalTokenStatus.Forged);
        }

        ApprovalToken? payload;
        try
        {
            payload = JsonSerializer.Deserialize<ApprovalToken>(Base64Url.DecodeFromChars(body), JsonOptions);
        }
        catch (JsonException)
        {
            // Only a key holder can produce a genuine signature, so this means our own format changed.
            return Result(ApprovalTokenStatus.Malformed);
        }
        if (payload is null || (payload.Purpose == ApprovalPurpose.Notice && string.IsNullOrEmpty(payload.NoticeId)))
        {
            return Result(ApprovalTokenStatus.Malformed);
        }
        return payload.ExpiresAt <= now
            ? new ApprovalTokenValidation(ApprovalTokenStatus.Expired, payload)
            : new ApprovalTokenValidation(ApprovalTokenStatus.Valid, payload);
    }

    /// <summary>The page link for a token: <c>/api/approvals/{token}</c> or <c>/api/notices/{token}</c>.</summary>
    public string LinkFor(SignedApprovalToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var route = token.Payload.Purpose == ApprovalPurpose.Notice ? "notices" : "approvals";
        return $"{options.PublicBaseUrl.TrimEnd('/')}/api/{route}/{token.Value}";
    }

    private static ApprovalTokenValidation Result(ApprovalTokenStatus status) => new(status, null);

    private static byte[] Sign(byte[] key, string body) => HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(body));

    private async Task<byte[]> GetKeyAsync(CancellationToken cancellationToken)
    {
        if (key is not null)
        {
            return key;
        }
        await keyLock.WaitAsync(cancellationToken);
        try
        {
            if (key is null)
            {
                var secret = await secrets.GetSecretAsync(options.SigningKeySecret, cancellationToken);
                if (string.IsNullOrEmpty(secret) || secret.Length < MinKeyLength)
                {
                    // The message names the secret, never its value.
                    throw new InvalidOperationException(
                        $"Secret '{options.SigningKeySecret}' must hold at least {MinKeyLength} characters to sign approval links.");
                }
                key = Encoding.UTF8.GetBytes(secret);
            }
            return key;
        }
        finally
        {
            keyLock.Release();
        }
    }
}
