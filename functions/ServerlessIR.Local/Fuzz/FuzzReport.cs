using System.Globalization;
using System.Text;

namespace ServerlessIR.Local.Fuzz;

/// <summary>
/// The figures of a fuzz run and its offenders: answers by status, answer times, an accounting of every event sent, and the
/// incidents it touched. An event is accounted for when its delivery was refused as a whole with a 4xx (the sender was
/// told), when the delivery summary counts it accepted (opened, joined, duplicate), or when a rejected-event record carries
/// it; an event that is none of these is lost.
/// </summary>
/// <remarks>
/// The summary gives counts, not IDs, so within one delivery an event is matched to a rejected record by its ID, and the
/// events the records do not name must fit in the summary's accepted count. Events whose ID the mutation destroyed cannot
/// be matched by ID; their rejected records carry no ID of the run, and those are counted against them over the whole run,
/// one per distinct identity the host deduplicates by (<see cref="FuzzEvent.Identity"/>).
/// </remarks>
internal sealed class FuzzReport
{
    private const int PrintedPerKind = 25;
    private readonly FuzzOptions options;
    private readonly IReadOnlyList<FuzzAnswer> answers;
    private readonly IReadOnlyList<double> times;
    private readonly TimeSpan elapsed;
    private readonly FuzzRejections rejections;
    private readonly IReadOnlyList<FuzzIncident> incidents;
    private readonly List<string> serverErrors = [];
    private readonly List<string> lost = [];
    private readonly List<string> warnings = [];
    private int lostCount;

    public FuzzReport(FuzzOptions options, IReadOnlyList<FuzzAnswer> answers, IReadOnlyList<double> times, TimeSpan elapsed,
        FuzzRejections rejections, IReadOnlyList<FuzzIncident> incidents)
    {
        this.options = options;
        this.answers = answers;
        this.times = times;
        this.elapsed = elapsed;
        this.rejections = rejections;
        this.incidents = incidents;
    }

    /// <summary>Answers so far by status, e.g. <c>200 x41, 400 x7</c>.</summary>
    public static string StatusLine(IEnumerable<FuzzAnswer> answers) =>
        string.Join(", ", answers.GroupBy(a => a.Status).OrderBy(g => g.Key)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{(g.Key == 0 ? "no answer" : g.Key.ToString(CultureInfo.InvariantCulture))} x{g.Count()}")));

    /// <summary>Prints the report (and writes every offender to a file under <paramref name="stateFolder"/>); returns the exit code.</summary>
    public async Task<int> WriteAsync(TextWriter stdout, string? stateFolder)
    {
        var c = CultureInfo.InvariantCulture;
        var events = answers.Sum(a => a.Delivery.Events.Count);
        var alerts = answers.Sum(a => a.Delivery.Alerts);
        var intactIds = answers.SelectMany(a => a.Delivery.Events).Where(e => e.Role == FuzzEventRole.Alert && e.IdIntact).Select(e => e.Id!)
            .ToHashSet(StringComparer.Ordinal);
        var recorded = rejections.Ids.Where(id => id is not null && intactIds.Contains(id)).ToHashSet(StringComparer.Ordinal);
        var recordedTwice = rejections.Ids.Where(id => id is not null && intactIds.Contains(id)).GroupBy(id => id).Count(g => g.Count() > 1);
        var anonymousRows = rejections.Ids.Count(id => id is null || !intactIds.Contains(id));

        int opened = 0, joined = 0, duplicates = 0, rejectedBySummary = 0, refusedEvents = 0, serverErrorEvents = 0;
        int recordedById = 0, acknowledged = 0, handshakes = 0, lifecycle = 0, retried503 = 0, needAnonymous = 0;
        var refusedByStatus = new SortedDictionary<int, int>();
        var withoutIdSeen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var answer in answers)
        {
            var delivery = answer.Delivery;
            retried503 += answer.Retried503;
            if (answer.ServerError)
            {
                serverErrorEvents += delivery.Events.Count;
                serverErrors.Add(Offender(answer, answer.Status == 0 ? answer.Body : $"answered {answer.Status}: {(answer.Body.Length == 0 ? "(no body; see the host log)" : answer.Body)}"));
                continue;
            }
            if (answer.Refused)
            {
                refusedEvents += delivery.Events.Count;
                refusedByStatus[answer.Status] = refusedByStatus.GetValueOrDefault(answer.Status) + delivery.Events.Count;
                if (answer.ContentType != "application/problem+json")
                {
                    warnings.Add(Offender(answer, $"refused with {answer.Status} but not as application/problem+json ({answer.ContentType ?? "no content type"})"));
                }
                continue;
            }
            if (!answer.Accepted)
            {
                serverErrors.Add(Offender(answer, $"unexpected answer {answer.Status}: {answer.Body}"));
                serverErrorEvents += delivery.Events.Count;
                continue;
            }
            handshakes += delivery.Events.Count(e => e.Role == FuzzEventRole.Handshake);
            lifecycle += delivery.Events.Count(e => e.Role == FuzzEventRole.Lifecycle);
            opened += answer.Count("opened");
            joined += answer.Count("joined");
            duplicates += answer.Count("duplicates");
            rejectedBySummary += answer.Count("rejected");

            // Lifecycle events are acknowledged, neither used nor rejected; an alert mutated into one (its type changed) is too.
            acknowledged += answer.Count("acknowledged");
            var accepted = answer.Count("opened") + answer.Count("joined") + answer.Count("duplicates")
                + Math.Max(0, answer.Count("acknowledged") - delivery.Events.Count(e => e.Role == FuzzEventRole.Lifecycle));
            var deliveryAlerts = delivery.Events.Where(e => e.Role == FuzzEventRole.Alert).ToList();
            var found = deliveryAlerts.Where(e => e.IdIntact && recorded.Contains(e.Id!)).ToList();
            var notFound = deliveryAlerts.Where(e => e.IdIntact && !recorded.Contains(e.Id!)).ToList();
            // A redelivered event without a usable ID is the same event: its one rejected record covers every copy. So is an
            // event the mutation gave another event's source and ID (or bytes): the host deduplicates by those.
            var withoutId = deliveryAlerts.Count(e => !e.IdIntact && withoutIdSeen.Add(e.Identity ?? e.Id!));
            recordedById += found.Count;
            // Events the records do not name must have been accepted; what the accepted count leaves over may cover events without an ID.
            if (notFound.Count > accepted)
            {
                var missing = notFound.Count - accepted;
                lostCount += missing;
                lost.Add(Offender(answer, string.Create(c,
                    $"{missing} of these {notFound.Count} events are neither accepted (the summary counts {accepted}) nor recorded as rejected: {string.Join(", ", notFound.Select(e => e.Id))}; answer: {answer.Body}"),
                    notFound));
            }
            needAnonymous += Math.Max(0, withoutId - Math.Max(0, accepted - notFound.Count));
        }
        var anonymousLost = Math.Max(0, needAnonymous - anonymousRows);
        lostCount += anonymousLost;
        if (anonymousLost > 0)
        {
            lost.Add(string.Create(c, $"{anonymousLost} events whose ID the mutation destroyed are not accounted for: {needAnonymous} needed a rejected record without a run ID, the table holds {anonymousRows}"));
        }
        if (recordedTwice > 0)
        {
            warnings.Add(string.Create(c, $"{recordedTwice} rejected events have more than one rejected record (a redelivered rejection should be recorded once)"));
        }
        if (!rejections.Complete)
        {
            warnings.Add("the host showed only its newest rejected records: events rejected early in the run may count as lost");
        }

        await stdout.WriteLineAsync();
        await stdout.WriteLineAsync(string.Create(c, $"Fuzz run: seed {options.Seed}, {events} events in {answers.Count} deliveries, {elapsed.TotalSeconds:F1} s at concurrency {options.Concurrency}"));
        await stdout.WriteLineAsync($"  answers by status (deliveries): {StatusLine(answers)}");
        await stdout.WriteLineAsync(string.Create(c, $"  answer time: p50 {Percentile(0.50):F0} ms, p99 {Percentile(0.99):F0} ms, max {(times.Count == 0 ? 0 : times.Max()):F0} ms over {times.Count} requests ({retried503} retries after a 503)"));
        await stdout.WriteLineAsync(string.Create(c, $"  events: {events} sent = {alerts} alerts + {Count(FuzzEventRole.Handshake)} validation events + {Count(FuzzEventRole.Lifecycle)} lifecycle events ({handshakes} and {lifecycle} of them in accepted deliveries)"));
        await stdout.WriteLineAsync(string.Create(c, $"    accepted (per the delivery summaries): opened {opened}, joined {joined}, duplicate {duplicates}; acknowledged as lifecycle events {acknowledged}"));
        await stdout.WriteLineAsync(string.Create(c, $"    recorded as rejected: {recordedById} found by ID, {anonymousRows} records without a run ID ({rejectedBySummary} rejected per the summaries, {rejections.Ids.Count} records)"));
        await stdout.WriteLineAsync(string.Create(c, $"    refused as a whole (the sender was told): {refusedEvents} events{(refusedByStatus.Count == 0 ? "" : " (" + string.Join(", ", refusedByStatus.Select(p => $"{p.Key} x{p.Value}")) + ")")}"));
        await stdout.WriteLineAsync(string.Create(c, $"    in deliveries answered 5xx or not at all: {serverErrorEvents} events"));
        await stdout.WriteLineAsync(string.Create(c, $"    lost (neither accepted nor recorded as rejected): {lostCount}"));
        var failed = incidents.Where(i => i.Failed).ToList();
        await stdout.WriteLineAsync(string.Create(c, $"  incidents opened or joined: {incidents.Count}; by status (and orchestration status): {string.Join(", ", incidents.GroupBy(i => i.RuntimeStatus is null ? i.Status : $"{i.Status} ({i.RuntimeStatus})").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} x{g.Count()}"))}"));

        var failures = failed.Select(i => $"incident {i.Id}: status {i.Status}, orchestration {i.RuntimeStatus ?? "?"}: {FuzzText.Preview(i.Failure ?? "(no failure details)")}").ToList();
        await PrintAsync(stdout, "5xx or no answer", serverErrors);
        await PrintAsync(stdout, "lost events", lost);
        await PrintAsync(stdout, "failed incidents", failures);
        await PrintAsync(stdout, "warnings (do not fail the run)", warnings);
        if (stateFolder is not null && serverErrors.Count + lost.Count + failures.Count + warnings.Count > 0)
        {
            var folder = Path.Combine(stateFolder, "fuzz");
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, string.Create(c, $"seed-{options.Seed}-events-{options.Events}.offenders.txt"));
            await File.WriteAllLinesAsync(file, [.. serverErrors.Select(s => "5xx " + s), .. lost.Select(s => "lost " + s), .. failures.Select(s => "failed " + s), .. warnings.Select(s => "warning " + s)]);
            await stdout.WriteLineAsync($"  every offender: {file}");
        }

        var ok = serverErrors.Count == 0 && lostCount == 0 && failed.Count == 0;
        await stdout.WriteLineAsync(ok
            ? "Fuzz OK: no 5xx, no lost event, no failed incident."
            : string.Create(c, $"Fuzz FAILED: {serverErrors.Count} deliveries answered 5xx or not at all, {lostCount} lost events, {failed.Count} failed incidents."));
        return ok ? 0 : 1;
    }

    private int Count(FuzzEventRole role) => answers.Sum(a => a.Delivery.Events.Count(e => e.Role == role));

    private static async Task PrintAsync(TextWriter stdout, string title, IReadOnlyList<string> lines)
    {
        if (lines.Count == 0) return;
        await stdout.WriteLineAsync($"  {title}: {lines.Count}");
        foreach (var line in lines.Take(PrintedPerKind))
        {
            await stdout.WriteLineAsync("    " + line);
        }
        if (lines.Count > PrintedPerKind)
        {
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"    ... and {lines.Count - PrintedPerKind} more"));
        }
    }

    private static string Offender(FuzzAnswer answer, string reason, IReadOnlyList<FuzzEvent>? events = null)
    {
        var d = answer.Delivery;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"#{d.Number} {d.Kind} ({d.ContentType ?? "no content type"}, {d.Events.Count} events) -> {(answer.Status == 0 ? "no answer" : answer.Status.ToString(CultureInfo.InvariantCulture))}: {reason}");
        text.Append("\n      payload: ").Append(answer.Preview);
        foreach (var e in (events ?? d.Events).Where(e => e.Mutations.Length > 0).Take(12))
        {
            text.Append(CultureInfo.InvariantCulture, $"\n      {e.Id} from {e.Origin}: {FuzzText.Preview(e.Mutations)}");
        }
        return text.ToString();
    }

    private double Percentile(double p)
    {
        if (times.Count == 0) return 0;
        var sorted = times.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
