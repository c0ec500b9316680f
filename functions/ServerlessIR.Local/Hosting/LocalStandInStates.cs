using ServerlessIR.Local.StandIns.AiFeatures;
using ServerlessIR.Local.StandIns.Graph;
using ServerlessIR.Local.StandIns.KeyVault;
using ServerlessIR.Local.StandIns.Salesforce;

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
    InMemorySecretVault SecretVault);
