using ServerlessIR.StandIns.AiFeatures;
using ServerlessIR.StandIns.Graph;
using ServerlessIR.StandIns.KeyVault;
using ServerlessIR.StandIns.Salesforce;
using ServerlessIR.StandIns.ServiceNow;

namespace ServerlessIR.Local.Hosting;

/// <summary>
/// The in-process state behind the stand-ins and the local Key Vault. Durable history survives a restart in Azurite; these
/// objects do not, so a test that restarts the host passes them to the next <see cref="LocalPipeline"/> to play the part
/// of the real Salesforce, Key Vault and owning services, which outlive our process.
/// </summary>
public sealed record LocalStandInStates(
    SalesforceStandInState Salesforce,
    AiFeatureStandInState AiFeatures,
    GraphStandInState Graph,
    InMemorySecretVault SecretVault)
{
    /// <summary>The ServiceNow stand-in's tickets, which outlive our process as the real instance's would.</summary>
    public ServiceNowStandInState? ServiceNow { get; init; }
}
