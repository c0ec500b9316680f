using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Ingestion;

/// <summary>
/// Exercise events (<see cref="ExerciseEvents.TypePrefix"/>): accepted only from a source the playbook's
/// <c>exercise.trustedSources</c> names, then normalized by the source of the real type they stand for and marked
/// <see cref="Signal.Exercise"/>.
/// </summary>
/// <remarks>
/// An exercise from any other source is rejected (recorded with the reason like any rejected event): an exercise runs the
/// real pipeline with the real people, so whoever could start one at will could page the CISO at night. The real
/// sources are handed in, not resolved from the container, because this source is one of the container's sources.
/// </remarks>
public sealed class ExerciseSignalSource(IPlaybookProvider playbooks, IReadOnlyList<ISignalSource> realSources) : ISignalSource
{
    public bool CanNormalize(IncomingEvent incoming) => incoming is not null && ExerciseEvents.IsExerciseType(incoming.Type);

    public Signal Normalize(IncomingEvent incoming, Pseudonymizer pseudonymizer, string payloadRef)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        var trusted = playbooks.Current.Exercise.TrustedSources;
        var source = incoming.Source ?? "";
        if (!trusted.Any(p => p.Length > 0 && source.StartsWith(p, StringComparison.Ordinal)))
        {
            throw new SignalRejectedException(trusted.Count == 0
                ? $"{incoming.Type}: the playbook names no trusted exercise source (exercise.trustedSources), so no exercise can start"
                : $"{incoming.Type}: source '{IngestionLimits.Truncate(source, IngestionLimits.MaxNameChars)}' is not a trusted exercise source (exercise.trustedSources)");
        }
        foreach (var realType in ExerciseEvents.RealTypesOf(incoming.Type))
        {
            var real = incoming with { Type = realType };
            if (realSources.FirstOrDefault(s => s.CanNormalize(real)) is { } inner)
            {
                var signal = inner.Normalize(real, pseudonymizer, payloadRef);
                return signal with { Exercise = true, Summary = $"{ExerciseEvents.Mark}: {signal.Summary}" };
            }
        }
        throw new SignalRejectedException($"{incoming.Type}: no real event type '{string.Join("' or '", ExerciseEvents.RealTypesOf(incoming.Type))}' is known");
    }
}
