using ServerlessIR.Core.Evidence;

namespace ServerlessIR.Core.Ingestion;

/// <summary>
/// One alert source: recognises its events and normalizes them into a <see cref="Signal"/>. Adding a source is adding one class.
/// </summary>
public interface ISignalSource
{
    /// <summary>Whether this source understands <paramref name="incoming"/>.</summary>
    bool CanNormalize(IncomingEvent incoming);

    /// <summary>The signal for <paramref name="incoming"/>; identifiers pass through <paramref name="pseudonymizer"/>.</summary>
    /// <exception cref="SignalRejectedException">The event is of this source but its data is unusable; the message says why.</exception>
    Signal Normalize(IncomingEvent incoming, Pseudonymizer pseudonymizer, string payloadRef);
}
