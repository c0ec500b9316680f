namespace ServerlessIR.Adapters.Configuration;

/// <summary>What start-up validation checks about the app settings as the platform delivered them.</summary>
public sealed class ResolvedSettings
{
    /// <summary>Settings still holding a Key Vault reference, as (app setting name, secret name).</summary>
    public IReadOnlyList<(string Setting, string Secret)> Unresolved { get; set; } = [];
}
