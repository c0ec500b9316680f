using Xunit.Abstractions;

[assembly: TestCollectionOrderer("ServerlessIR.Local.Tests.LongestFirstOrderer", "ServerlessIR.Local.Tests")]

namespace ServerlessIR.Local.Tests;

/// <summary>
/// Starts the longest test collections first, so the run does not end with one long collection going on alone. xunit runs
/// two collections at a time here (one per core) and takes them in this order. Left to xunit's own order, the shared
/// local-pipeline collection, whose tests run one after another against one pipeline, started last and ran alone for the
/// last seven minutes of a 16-minute assembly (docs/testing.md#parallelism-and-why).
/// </summary>
/// <remarks>
/// The order is by the durations measured in a whole run (two cores, beside the other assemblies' lane); a collection
/// not named here comes after the named ones, by name. A wrong guess costs time, never a result.
/// </remarks>
public sealed class LongestFirstOrderer : ITestCollectionOrderer
{
    /// <summary>The collections of the assembly's longest classes, longest first (seconds in the run measured).</summary>
    private static readonly string[] Longest =
    [
        Hosting.LocalPipelineCollection.Name, // about 300 s, its classes one after another
        "BoundedHistoryTests", // 264 s
        "StatusUpdatesPipelineTests", // 162 s
        "FuzzRunTests", // 99 s
        "JournalTests", // 65 s
        "ExerciseModeTests", // 59 s
        "JoinStormTests", // 52 s
        "TicketRoundTripTests", // 50 s
    ];

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(Rank).ThenBy(c => c.DisplayName, StringComparer.Ordinal);

    private static int Rank(ITestCollection collection)
    {
        var name = collection.DisplayName;
        for (var i = 0; i < Longest.Length; i++)
        {
            // A class's own collection is named "Test collection for <namespace>.<class>".
            if (name == Longest[i] || name.EndsWith("." + Longest[i], StringComparison.Ordinal))
            {
                return i;
            }
        }
        return Longest.Length;
    }
}
