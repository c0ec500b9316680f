using System.Text.Json.Serialization;

namespace ServerlessIR.Adapters.Http;

/// <summary>One claim in <see cref="AppServiceClientPrincipal"/> (after App Service's default claim mapping).</summary>
public sealed record AppServiceClaim
{
    [JsonPropertyName("typ")] public string Type { get; init; } = "";
    [JsonPropertyName("val")] public string Value { get; init; } = "";
}
