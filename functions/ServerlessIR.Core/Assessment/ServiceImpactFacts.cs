namespace ServerlessIR.Core.Assessment;

/// <summary>
/// What an incident did to the service and the organisation, as Commission Implementing Regulation (EU) 2024/2690 Art. 3 and
/// 11-13 weigh it for NIS2 significance. Absent fields mean unknown or false.
/// </summary>
public sealed record ServiceImpactFacts
{
    /// <summary><c>none</c>, <c>limited</c> or <c>complete</c>: how far the service was unavailable to its users.</summary>
    public string? Unavailability { get; init; }

    /// <summary>Users in the Union affected by the unavailability or the data compromise (2024/2690 recital 32: the maximum estimate when not counted).</summary>
    public long? UsersAffected { get; init; }

    /// <summary>Financial loss caused or capable of being caused, in euro (Art. 3(1)(a)).</summary>
    public long? FinancialLossEur { get; init; }

    /// <summary>Trade secrets were or could be exfiltrated (Art. 3(1)(b)).</summary>
    public bool TradeSecretsExfiltrated { get; init; }

    /// <summary>The incident caused or could cause a person's death (Art. 3(1)(c)).</summary>
    public bool Death { get; init; }

    /// <summary>The incident caused or could cause considerable damage to a person's health (Art. 3(1)(d)).</summary>
    public bool HealthDamage { get; init; }

    /// <summary>Successful, suspectedly malicious, unauthorised access capable of causing severe operational disruption (Art. 3(1)(e)).</summary>
    public bool SevereOperationalDisruption { get; init; }
}
