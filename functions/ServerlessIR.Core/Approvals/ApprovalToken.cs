using System.Text.Json.Serialization;

namespace ServerlessIR.Core.Approvals;

/// <summary>
/// What a signed approval link says: which incident, step and tier it decides, for what purpose, until when.
/// <see cref="Nonce"/> is random per token and doubles as the token's ID in the used-once ledger.
/// </summary>
/// <remarks>Short JSON names keep the link short enough for e-mail clients and Teams buttons.</remarks>
public sealed record ApprovalToken
{
    [JsonPropertyName("inc")] public required string IncidentId { get; init; }
    [JsonPropertyName("act")] public required string ActionId { get; init; }
    [JsonPropertyName("tier")] public required string Tier { get; init; }
    [JsonPropertyName("p")] public required ApprovalPurpose Purpose { get; init; }
    [JsonPropertyName("ntc")] public string? NoticeId { get; init; }
    [JsonPropertyName("exp")] public required DateTimeOffset ExpiresAt { get; init; }
    [JsonPropertyName("n")] public required string Nonce { get; init; }

    /// <summary>Which signing key signed it (<see cref="ApprovalSigningKeys.KeyIdOf"/>); absent on links issued before key IDs.</summary>
    [JsonPropertyName("kid")] public string? KeyId { get; init; }

    /// <summary>The dual-control request a <see cref="ApprovalPurpose.DualControl"/> token seconds.</summary>
    [JsonPropertyName("req")] public string? RequestId { get; init; }

    /// <summary>The key under which the used-once ledger records this token.</summary>
    [JsonIgnore] public string TokenId => Nonce;

    /// <summary>Redacts the nonce: the payload goes into logs and evidence, and the nonce identifies the capability.</summary>
    public override string ToString() =>
        $"ApprovalToken {{ IncidentId = {IncidentId}, ActionId = {ActionId}, Tier = {Tier}, Purpose = {Purpose}, " +
        $"NoticeId = {NoticeId}, RequestId = {RequestId}, KeyId = {KeyId}, ExpiresAt = {ExpiresAt:O}, Nonce = [redacted] }}";
}
