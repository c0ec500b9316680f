using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using ServerlessIR.Core.Evidence;

namespace ServerlessIR.Core.Incidents;

/// <summary>
/// A bookkeeping step that still failed after its retries, in a form that always fits (a record row, an evidence record,
/// an e-mail field): the step, what it was doing, the error's type and the first line of its message, bounded.
/// </summary>
/// <param name="Step">Which kind of bookkeeping failed.</param>
/// <param name="What">What it was doing, in a few words (<c>evidence record 'signal.joined'</c>).</param>
/// <param name="ErrorType">The exception's type name, as the durable failure details give it.</param>
/// <param name="Message">The first line of the error message, at most <see cref="MaxMessageChars"/> characters.</param>
/// <param name="At">Incident time of the failure.</param>
public sealed record BookkeepingFailure(BookkeepingStep Step, string What, string ErrorType, string Message, DateTimeOffset At)
{
    /// <summary>The most of an error message kept: its first line is what a person acts on, the rest is stack and headers.</summary>
    public const int MaxMessageChars = 300;

    /// <summary>The failure of <paramref name="step"/> from the durable failure details (no clock read: <paramref name="at"/> is given).</summary>
    public static BookkeepingFailure From(BookkeepingStep step, string what, TaskFailureDetails? details, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(what);
        var message = details?.ErrorMessage ?? "no details";
        var firstLine = message.Split('\n', 2)[0].TrimEnd('\r');
        return new BookkeepingFailure(step, BoundedText.Truncate(what, 200), BoundedText.Truncate(details?.ErrorType ?? "unknown", 200),
            BoundedText.Truncate(firstLine, MaxMessageChars), at);
    }

    /// <summary>The evidence payload of a <c>bookkeeping.failed</c> record: small whatever failed.</summary>
    public JsonObject ToPayload() => new()
    {
        ["step"] = WireNames.Of(Step),
        ["what"] = What,
        ["errorType"] = ErrorType,
        ["error"] = Message,
    };
}
