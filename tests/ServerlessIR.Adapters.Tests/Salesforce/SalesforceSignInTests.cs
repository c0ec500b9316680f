using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerlessIR.Adapters.Salesforce;
using ServerlessIR.Adapters.Secrets;
using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Playbooks;
using ServerlessIR.Core.Salesforce;
using ServerlessIR.StandIns.Salesforce;

namespace ServerlessIR.Adapters.Tests.Salesforce;

/// <summary>
/// The real <see cref="SalesforceRestClient"/> signing in to the Salesforce stand-in both ways the playbook allows: client
/// credentials, and the JWT bearer flow with a key read from the secret store and checked by the stand-in against the
/// connected app's public key.
/// </summary>
public sealed class SalesforceSignInTests : IAsyncLifetime
{
    private const string ConsumerKey = "3MVG9jwt-consumer-key";
    private const string Username = "bnpl-integration@northwind.example";
    private readonly Playbook playbook = PlaybookLoader.LoadDefault();
    private readonly SalesforceStandInState state = new("3MVG9cc-client-id", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
    private readonly RSA connectedAppKey = RSA.Create(2048);
    private readonly HttpClient http = new();
    private WebApplication app = null!;
    private Uri baseUrl = null!;

    public async Task InitializeAsync()
    {
        state.Seed(playbook);
        state.TrustJwtBearer(ConsumerKey, connectedAppKey.ExportSubjectPublicKeyInfoPem(), "https://login.salesforce.com", Username);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        app = builder.Build();
        app.MapSalesforceStandIn(state);
        await app.StartAsync();
        baseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        connectedAppKey.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task QueryAsync_ClientCredentials_SignsInAndReads()
    {
        var client = Client(new SalesforceAuth { ClientIdSecret = "id", ClientSecretSecret = "secret" },
            new() { ["id"] = state.ClientId, ["secret"] = state.ClientSecret });

        var tokens = await client.QueryAsync("SELECT Id, AppName FROM OauthToken");

        Assert.Equal(state.Tokens.Count, tokens.Count);
        Assert.Single(state.Calls, c => c.Path.StartsWith("/services/oauth2/token", StringComparison.Ordinal) && c.Status == 200);
    }

    [Theory]
    [InlineData("pem")]
    [InlineData("pkcs12")]
    public async Task QueryAsync_JwtBearer_SignsInWithAssertionTheStandInVerifies(string keyForm)
    {
        var client = Client(JwtAuth(), new() { ["consumer-key"] = ConsumerKey, ["signing-key"] = KeySecret(connectedAppKey, keyForm) });

        var tokens = await client.QueryAsync("SELECT Id, AppName FROM OauthToken");

        Assert.Equal(state.Tokens.Count, tokens.Count);
        Assert.Single(state.Calls, c => c.Path.StartsWith("/services/oauth2/token", StringComparison.Ordinal) && c.Status == 200);
    }

    [Fact]
    public async Task QueryAsync_JwtBearerSignedByAnotherKey_PermanentRefusalWithoutKeyInMessage()
    {
        using var otherKey = RSA.Create(2048);
        var pem = otherKey.ExportPkcs8PrivateKeyPem();
        var client = Client(JwtAuth(), new() { ["consumer-key"] = ConsumerKey, ["signing-key"] = pem });

        var error = await Assert.ThrowsAsync<SalesforceApiException>(() => client.QueryAsync("SELECT Id FROM OauthToken"));

        Assert.Equal("invalid_grant", error.ErrorCode);
        Assert.False(error.IsTransient);
        Assert.DoesNotContain(pem.Split('\n')[1], error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAsync_JwtBearerUserNotPreAuthorized_Refused()
    {
        var client = Client(JwtAuth() with { Username = "someone-else@northwind.example" },
            new() { ["consumer-key"] = ConsumerKey, ["signing-key"] = KeySecret(connectedAppKey, "pem") });

        var error = await Assert.ThrowsAsync<SalesforceApiException>(() => client.QueryAsync("SELECT Id FROM OauthToken"));

        Assert.Contains("approved", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryAsync_JwtBearerKeySecretNotAKey_PermanentContainmentErrorNamingSecretOnly()
    {
        const string garbage = "not-a-key-but-secret-material";
        var client = Client(JwtAuth(), new() { ["consumer-key"] = ConsumerKey, ["signing-key"] = garbage });

        var error = await Assert.ThrowsAsync<PermanentContainmentException>(() => client.QueryAsync("SELECT Id FROM OauthToken"));

        Assert.Contains("signing-key", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(garbage, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_JwtBearerWithoutSigningKey_Rejected()
    {
        var yaml = PlaybookLoader.DefaultYaml.Replace(
            "        flow: client-credentials\n        clientIdSecret: salesforce-northwind-prod-client-id\n        clientSecretSecret: salesforce-northwind-prod-client-secret\n",
            "        flow: jwt-bearer\n        clientIdSecret: salesforce-northwind-prod-client-id\n        username: x@northwind.example\n",
            StringComparison.Ordinal);
        Assert.NotEqual(PlaybookLoader.DefaultYaml, yaml);

        Assert.Throws<PlaybookLoadException>(() => PlaybookLoader.Parse(yaml, "test"));
        var valid = PlaybookLoader.Parse(yaml.Replace("username: x@northwind.example\n", "username: x@northwind.example\n        certificateSecret: sf-jwt-key\n", StringComparison.Ordinal), "test");
        Assert.Equal("jwt-bearer", valid.Salesforce.Orgs[0].Auth.Flow);
        Assert.Equal("https://login.salesforce.com", valid.Salesforce.Orgs[0].Auth.LoginUrl);
    }

    [Fact]
    public async Task Configure_JwtBearerPlaybook_LocalHostSecretsSignInAgainstStandIn()
    {
        var org = playbook.Salesforce.Orgs[0] with { Auth = JwtAuth() with { ClientIdSecret = "local-consumer-key", Username = "local@northwind.example" } };
        var local = playbook with { Salesforce = playbook.Salesforce with { Orgs = [org] } };
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal);

        LocalJwtBearer.Configure(local, state, settings);

        Assert.Contains("PRIVATE KEY", settings["ServerlessIR:Secrets:signing-key"], StringComparison.Ordinal);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var client = new SalesforceRestClient(http, org, baseUrl, new ConfigurationSecretStore(configuration));
        Assert.Equal(state.Tokens.Count, (await client.QueryAsync("SELECT Id FROM OauthToken")).Count);
    }

    private static SalesforceAuth JwtAuth() => new()
    {
        Flow = "jwt-bearer", ClientIdSecret = "consumer-key", CertificateSecret = "signing-key", Username = Username,
    };

    private SalesforceRestClient Client(SalesforceAuth auth, Dictionary<string, string?> secrets)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(secrets.Select(s => new KeyValuePair<string, string?>($"{ConfigurationSecretStore.SectionName}:{s.Key}", s.Value)))
            .Build();
        var org = playbook.Salesforce.Orgs[0] with { Auth = auth };
        return new SalesforceRestClient(http, org, baseUrl, new ConfigurationSecretStore(configuration));
    }

    /// <summary>The signing key as Key Vault keeps a certificate's secret: PEM, or base64 PKCS#12 with the certificate.</summary>
    private static string KeySecret(RSA key, string form)
    {
        if (form == "pem")
        {
            return key.ExportPkcs8PrivateKeyPem();
        }
        var request = new CertificateRequest("CN=serverlessir-jwt", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return Convert.ToBase64String(certificate.Export(X509ContentType.Pkcs12));
    }
}
