using Microsoft.Extensions.Options;

namespace ServerlessIR.Adapters.Ingestion;

/// <summary>
/// How many deliveries the webhook works on at once (<see cref="IngestionOptions.MaxConcurrentDeliveries"/>). One more is
/// answered at once with 429 and <c>Retry-After</c> instead of queueing behind the others until Event Grid's 30-second
/// timeout: Event Grid retries a 429 with back-off, and deduplication keeps each event once, so shedding loses nothing.
/// </summary>
public sealed class DeliveryGate : IDisposable
{
    private readonly SemaphoreSlim slots;

    public DeliveryGate(IOptions<IngestionOptions> options)
    {
        var limit = options?.Value.MaxConcurrentDeliveries ?? new IngestionOptions().MaxConcurrentDeliveries;
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        slots = new SemaphoreSlim(limit, limit);
    }

    /// <summary>Takes a slot when one is free now; the caller disposes the returned lease when its delivery is answered.</summary>
    public IDisposable? TryEnter() => slots.Wait(0) ? new Lease(slots) : null;

    public void Dispose() => slots.Dispose();

    private sealed class Lease(SemaphoreSlim slots) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
