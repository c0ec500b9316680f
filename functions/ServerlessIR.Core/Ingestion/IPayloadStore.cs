namespace ServerlessIR.Core.Ingestion;

/// <summary>The restricted store for raw alert payloads: stored once, passed by reference, read only by the steps that need them.</summary>
public interface IPayloadStore
{
    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/> (idempotent) and returns its reference.</summary>
    Task<string> PutAsync(string key, string content, CancellationToken cancellationToken = default);

    Task<string?> GetAsync(string reference, CancellationToken cancellationToken = default);
}
