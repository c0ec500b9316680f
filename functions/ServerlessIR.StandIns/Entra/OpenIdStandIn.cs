namespace ServerlessIR.StandIns.Entra;

/// <summary>
/// The two Entra ID endpoints a token validator reads, in their wire format: the OpenID configuration
/// (<c>/{tenant}/v2.0/.well-known/openid-configuration</c>) and the signing key set it points at
/// (<c>/{tenant}/discovery/v2.0/keys</c>).
/// </summary>
public static class OpenIdStandIn
{
    private static readonly string[] ResponseTypes = ["code", "id_token", "code id_token", "id_token token"];
    private static readonly string[] SubjectTypes = ["pairwise"];
    private static readonly string[] SigningAlgorithms = ["RS256"];

    public static void MapOpenIdStandIn(this IEndpointRouteBuilder app, OpenIdStandInState state)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(state);
        app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (HttpRequest request, string tenant) =>
        {
            if (tenant != state.TenantId)
            {
                return Results.Json(new { error = "invalid_tenant", error_description = $"Tenant '{tenant}' not found." }, statusCode: StatusCodes.Status400BadRequest);
            }
            var baseUrl = $"{request.Scheme}://{request.Host}/{tenant}";
            return Results.Json(new
            {
                issuer = $"https://login.microsoftonline.com/{tenant}/v2.0",
                authorization_endpoint = $"{baseUrl}/oauth2/v2.0/authorize",
                token_endpoint = $"{baseUrl}/oauth2/v2.0/token",
                jwks_uri = $"{baseUrl}/discovery/v2.0/keys",
                response_types_supported = ResponseTypes,
                subject_types_supported = SubjectTypes,
                id_token_signing_alg_values_supported = SigningAlgorithms,
                tenant_region_scope = "EU",
            });
        });
        app.MapGet("/{tenant}/discovery/v2.0/keys", (string tenant) =>
            tenant == state.TenantId
                ? Results.Json(new { keys = new[] { state.Jwk() } })
                : Results.Json(new { error = "invalid_tenant" }, statusCode: StatusCodes.Status400BadRequest));
    }
}
