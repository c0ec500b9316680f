namespace ServerlessIR.Core.Containment;

/// <summary>
/// A containment call that may succeed when retried: no answer, 408, 429 or 5xx from a hook.
/// </summary>
/// <remarks>
/// Thrown instead of <see cref="System.Net.Http.HttpRequestException"/> on purpose. The orchestrator classifies failures
/// with <c>TaskFailureDetails.IsCausedBy&lt;T&gt;()</c>, which finds the failure's type by name across the loaded assemblies
/// and throws <c>AmbiguousMatchException</c> when a facade (netstandard.dll) forwards the same name, failing the whole
/// incident. A type of our own has one home.
/// </remarks>
public sealed class TransientContainmentException : Exception
{
    public TransientContainmentException(string message) : base(message) { }
    public TransientContainmentException(string message, Exception inner) : base(message, inner) { }
}
