using ServerlessIR.StandIns.AiFeatures;
using ServerlessIR.StandIns.Graph;
using ServerlessIR.StandIns.KeyVault;
using ServerlessIR.StandIns.Salesforce;

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
