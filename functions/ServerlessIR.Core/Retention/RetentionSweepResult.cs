namespace ServerlessIR.Core.Retention;

/// <summary>One retention sweep: when, whether it only counted, and what it did per store.</summary>
public sealed record RetentionSweepResult(DateTimeOffset SweptAt, bool DryRun, IReadOnlyList<StorePurge> Stores)
{
    /// <summary>True when every store was swept.</summary>
    public bool Succeeded => Stores.All(s => s.Error is null);

    /// <summary>Items purged over all stores.</summary>
    public int Total => Stores.Sum(s => s.Purged);
}
