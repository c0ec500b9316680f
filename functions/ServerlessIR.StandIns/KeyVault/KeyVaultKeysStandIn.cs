using System.Buffers.Text;
using System.Text.Json;

namespace ServerlessIR.StandIns.KeyVault;

/// <summary>
/// Key Vault's key operations the anchor signer uses, in Key Vault's REST wire format (<c>api-version=7.4</c>):
/// <c>GET /keys/{name}[/{version}]</c> answers the key bundle with the public JWK; <c>POST /keys/{name}/{version}/sign</c>
/// takes <c>{"alg","value"}</c> and answers <c>{"kid","value"}</c>. A call without a bearer token gets Key Vault's 401.
/// </summary>
public static class KeyVaultKeysStandIn
{
    private static readonly string[] KeyOperations = ["sign", "verify"];

    public static void MapKeyVaultKeysStandIn(this IEndpointRouteBuilder app, KeyVaultKeysStandInState state)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(state);
        app.MapGet("/keys/{name}", (HttpRequest request, string name) => Key(request, state, name, null));
        app.MapGet("/keys/{name}/{version}", (HttpRequest request, string name, string version) => Key(request, state, name, version));
        app.MapPost("/keys/{name}/{version}/sign", async (HttpRequest request, string name, string version) =>
        {
            if (Refusal(request, state, name, version) is { } refused)
            {
                return refused;
            }
            using var body = await JsonDocument.ParseAsync(request.Body);
            var alg = body.RootElement.TryGetProperty("alg", out var a) ? a.GetString() : null;
            var value = body.RootElement.TryGetProperty("value", out var v) ? v.GetString() : null;
            if (alg != "ES256" || value is null)
            {
                return Error(StatusCodes.Status400BadRequest, "BadParameter", "alg must be ES256 for an EC P-256 key, with a value.");
            }
            byte[] digest;
            try
            {
                digest = Base64Url.DecodeFromChars(value);
            }
            catch (FormatException)
            {
                return Error(StatusCodes.Status400BadRequest, "BadParameter", "value is not base64url.");
            }
            if (digest.Length != 32)
            {
                return Error(StatusCodes.Status400BadRequest, "BadParameter", "ES256 signs a 32-byte SHA-256 digest.");
            }
            return Results.Json(new { kid = Kid(request, state), value = Base64Url.EncodeToString(state.Sign(digest)) });
        });
    }

    private static IResult Key(HttpRequest request, KeyVaultKeysStandInState state, string name, string? version)
    {
        if (Refusal(request, state, name, version) is { } refused)
        {
            return refused;
        }
        var (x, y) = state.PublicPoint();
        return Results.Json(new
        {
            key = new { kid = Kid(request, state), kty = "EC", crv = "P-256", x, y, key_ops = KeyOperations },
            attributes = new { enabled = true, recoveryLevel = "Recoverable" },
        });
    }

    private static IResult? Refusal(HttpRequest request, KeyVaultKeysStandInState state, string name, string? version)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal) || authorization.Length <= "Bearer ".Length)
        {
            request.HttpContext.Response.Headers.WWWAuthenticate = "Bearer authorization=\"https://login.microsoftonline.com/common\", resource=\"https://vault.azure.net\"";
            return Error(StatusCodes.Status401Unauthorized, "Unauthorized", "AKV10000: Request is missing a Bearer or PoP token.");
        }
        if (!string.Equals(name, state.KeyName, StringComparison.OrdinalIgnoreCase) || (version is not null && version != state.Version))
        {
            return Error(StatusCodes.Status404NotFound, "KeyNotFound", $"A key with (name/id) {name}/{version} was not found in this key vault.");
        }
        return null;
    }

    private static string Kid(HttpRequest request, KeyVaultKeysStandInState state) =>
        $"{request.Scheme}://{request.Host}/keys/{state.KeyName}/{state.Version}";

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new { error = new { code, message } }, statusCode: status);
}
