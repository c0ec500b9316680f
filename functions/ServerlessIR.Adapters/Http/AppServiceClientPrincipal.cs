using System.Text.Json.Serialization;

namespace ServerlessIR.Adapters.Http;

/// <summary>The decoded <c>X-MS-CLIENT-PRINCIPAL</c> header of App Service Authentication: provider, claims, claim-type names.</summary>
public sealed record AppServiceClientPrincipal
{
    [JsonPropertyName("auth_typ")] public string? AuthType { get; init; }
    [JsonPropertyName("claims")] public IReadOnlyList<AppServiceClaim> Claims { get; init; } = [];
    [JsonPropertyName("name_typ")] public string? NameClaimType { get; init; }
    [JsonPropertyName("role_typ")] public string? RoleClaimType { get; init; }
}
