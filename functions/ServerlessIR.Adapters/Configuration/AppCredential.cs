using Azure.Core;
using Azure.Identity;

namespace ServerlessIR.Adapters.Configuration;

/// <summary>The app's Azure credential: its user-assigned managed identity in Azure, the developer's sign-in elsewhere.</summary>
internal static class AppCredential
{
    public static TokenCredential For(string? managedIdentityClientId) =>
        new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = managedIdentityClientId });
}
