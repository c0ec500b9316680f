using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Containment;

/// <summary>The owning service's switch between an AI feature's primary and fallback mode (signed HTTP calls).</summary>
public interface IAiFeatureSwitch
{
    /// <summary>Whether the probe says the fallback path works right now.</summary>
    Task<bool> ProbeFallbackAsync(AiSystem system, CancellationToken cancellationToken = default);

    /// <summary>The mode the feature is in now.</summary>
    Task<string> GetModeAsync(AiSystem system, CancellationToken cancellationToken = default);

    /// <summary>Sets the mode; the owning service treats a repeated <paramref name="idempotencyKey"/> as the same request.</summary>
    Task SetModeAsync(AiSystem system, string mode, string idempotencyKey, CancellationToken cancellationToken = default);
}
