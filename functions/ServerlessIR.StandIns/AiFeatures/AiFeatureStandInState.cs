using System.Collections.Concurrent;
using ServerlessIR.Core.Playbooks;
using ServerlessIR.StandIns.Salesforce;

namespace ServerlessIR.StandIns.AiFeatures;

/// <summary>
/// The owning services of the AI features: each feature's mode, the fallback health each probe reports (a knob tests set),
/// the signing key switch calls must carry, and every mode change applied (once per idempotency key).
/// </summary>
public sealed class AiFeatureStandInState(string signingKeyBase64)
{
    private readonly object gate = new();
    private readonly List<AppliedEffect> effects = [];
    private readonly HashSet<string> seenKeys = new(StringComparer.Ordinal);

    public string SigningKey { get; } = signingKeyBase64;

    /// <summary>The stand-in's clock, which stamps every mode change.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
    public ConcurrentDictionary<string, string> Modes { get; } = new(StringComparer.Ordinal);

    /// <summary>AI systems whose fallback probe answers unhealthy.</summary>
    public ConcurrentDictionary<string, bool> UnhealthyFallback { get; } = new(StringComparer.Ordinal);

    public AiFeatureStandInState SeedFrom(Playbook playbook)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        foreach (var system in playbook.AiSystems.Where(s => s.Fallback is not null))
        {
            Modes[system.Id] = system.Fallback!.PrimaryMode;
        }
        return this;
    }

    /// <summary>Sets the mode; a repeated idempotency key changes nothing. Returns whether the mode changed.</summary>
    public bool Switch(string system, string mode, string idempotencyKey)
    {
        lock (gate)
        {
            if (!seenKeys.Add(idempotencyKey) || Modes.GetValueOrDefault(system) == mode)
            {
                return false;
            }
            Modes[system] = mode;
            effects.Add(new AppliedEffect($"mode={mode}", system, Time.GetUtcNow()));
            return true;
        }
    }

    public IReadOnlyList<AppliedEffect> Effects
    {
        get { lock (gate) return [.. effects]; }
    }
}
