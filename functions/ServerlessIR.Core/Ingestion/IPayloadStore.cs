namespace ServerlessIR.Core.Ingestion;

/// <summary>The restricted store for raw alert payloads: stored once, passed by reference, read only by the steps that need them.</summary>
/// <remarks>References are <see cref="PayloadReference"/>s written as text; every reference this store ever returned resolves.</remarks>
public interface IPayloadStore
{
    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/> (idempotent) and returns its reference.</summary>
    Task<string> PutAsync(string key, string content, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores one delivery's payloads together (idempotent: the same payloads give the same references) and returns one
    /// reference per payload, in order, each naming its slice of the shared copy.
    /// </summary>
    Task<IReadOnlyList<string>> PutDeliveryAsync(IReadOnlyList<string> contents, CancellationToken cancellationToken = default);

    /// <summary>The payload a reference names, or null when it is gone (retention).</summary>
    Task<string?> GetAsync(string reference, CancellationToken cancellationToken = default);
}
