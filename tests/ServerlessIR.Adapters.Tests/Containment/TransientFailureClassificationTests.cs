using System.Reflection;
using Microsoft.DurableTask;
using ServerlessIR.Core.Containment;

namespace ServerlessIR.Adapters.Tests.Containment;

/// <summary>
/// Why hooks fail with <see cref="TransientContainmentException"/>: the orchestrator's <c>IsCausedBy</c> resolves a
/// failure's type by name across loaded assemblies, and a facade forwarding the name makes it throw.
/// </summary>
public sealed class TransientFailureClassificationTests
{
    [Fact]
    public void IsCausedBy_TransientContainmentFailureWithFacadeLoaded_ClassifiesWithoutThrowing()
    {
        Assembly.Load("netstandard");
        var details = TaskFailureDetails.FromException(new TransientContainmentException("https://hook/rotate answered 503 (transient)"));

        Assert.False(details.IsCausedBy<PermanentContainmentException>());
        Assert.True(details.IsCausedBy<TransientContainmentException>());
    }

    [Fact]
    public void IsCausedBy_HttpRequestExceptionWithFacadeLoaded_Ambiguous()
    {
        // The SDK behaviour behind TransientContainmentException; when this starts passing through, the workaround may go.
        Assembly.Load("netstandard");
        var details = TaskFailureDetails.FromException(new HttpRequestException("503"));

        Assert.Throws<AmbiguousMatchException>(() => details.IsCausedBy<PermanentContainmentException>());
    }
}
