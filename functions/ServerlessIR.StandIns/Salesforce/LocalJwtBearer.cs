using System.Security.Cryptography;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.StandIns.Salesforce;

/// <summary>
/// Lets a playbook whose orgs sign in with the JWT bearer flow run locally: a signing key per run (kept in memory, never
/// written to the state folder) goes into the secrets the adapter reads, and the Salesforce stand-in trusts its public key
/// as a connected app with an uploaded certificate would.
/// </summary>
public static class LocalJwtBearer
{
    /// <param name="settings">Configuration being built; secrets live under <c>ServerlessIR:Secrets:{name}</c>.</param>
    public static void Configure(Playbook playbook, SalesforceStandInState salesforce, IDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        ArgumentNullException.ThrowIfNull(salesforce);
        ArgumentNullException.ThrowIfNull(settings);
        // The stand-in plays one org; the first JWT bearer org decides what it trusts.
        var org = playbook.Salesforce.Orgs.FirstOrDefault(o => o.Auth.Flow == "jwt-bearer");
        if (org?.Auth is not { CertificateSecret: { } keyName, Username: { } username } auth)
        {
            return;
        }
        var keySetting = $"ServerlessIR:Secrets:{keyName}";
        var idSetting = $"ServerlessIR:Secrets:{auth.ClientIdSecret}";
        using var key = RSA.Create(2048);
        if (settings.TryGetValue(keySetting, out var pem) && !string.IsNullOrEmpty(pem))
        {
            key.ImportFromPem(pem);
        }
        else
        {
            settings[keySetting] = key.ExportPkcs8PrivateKeyPem();
        }
        if (!settings.TryGetValue(idSetting, out var consumerKey) || string.IsNullOrEmpty(consumerKey))
        {
            settings[idSetting] = consumerKey = "3MVG9jwt" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        }
        salesforce.TrustJwtBearer(consumerKey, key.ExportSubjectPublicKeyInfoPem(), auth.LoginUrl, username);
    }
}
