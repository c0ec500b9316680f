namespace ServerlessIR.Core.Assessment;

/// <summary>
/// The DORA time limits that the catalog's plain periods cannot say (Commission Delegated Regulation (EU) 2025/301 Art. 5):
/// an incident classified as major only after the first 24 hours (Art. 5(2)), and the relief for a time limit that falls
/// on a weekend day or bank holiday of the entity's Member State (submit by noon of the next working day, Art. 5(4)), which
/// some entity types do not get for the initial notification and the intermediate report (Art. 5(5)). docs/regimes.md says
/// what was checked against which text.
/// </summary>
public static class DoraReportingClock
{
    /// <summary>The regulation the adjustments come from.</summary>
    public const string Source = "Commission Delegated Regulation (EU) 2025/301 Art. 5";

    /// <summary>Financial entity types of DORA (Regulation (EU) 2022/2554) Art. 2(1)(a)-(t), as <c>organisation.doraEntityType</c> takes them.</summary>
    public static IReadOnlyList<string> EntityTypes { get; } =
    [
        "credit-institution", "payment-institution", "account-information-service-provider", "electronic-money-institution",
        "investment-firm", "crypto-asset-service-provider", "central-securities-depository", "central-counterparty",
        "trading-venue", "trade-repository", "alternative-investment-fund-manager", "management-company",
        "data-reporting-service-provider", "insurance-undertaking", "insurance-intermediary",
        "institution-for-occupational-retirement-provision", "credit-rating-agency", "critical-benchmark-administrator",
        "crowdfunding-service-provider", "securitisation-repository",
    ];

    /// <summary>
    /// Entity types that do not get the weekend and holiday relief for the initial notification and the intermediate report
    /// (2025/301 Art. 5(5), besides NIS2 essential or important entities); their final report still gets it.
    /// </summary>
    public static IReadOnlySet<string> WithoutWeekendRelief { get; } =
        new HashSet<string>(["credit-institution", "central-counterparty", "trading-venue"], StringComparer.Ordinal);

    private static readonly TimeOnly Noon = new(12, 0);

    /// <summary>
    /// An incident classified as major 24 hours or more after awareness: the 24-hour bound has already passed, so the initial
    /// notification is due 4 hours after the classification (2025/301 Art. 5(2); the ESAs' final draft RTS, JC 2024 33,
    /// Art. 6(2), says the same). Earlier classifications keep the catalog's "4 h, at most 24 h from awareness" (Art. 5(1)(a)).
    /// </summary>
    public static Obligation LateClassification(Obligation initial, DateTimeOffset awareAt, DateTimeOffset classifiedAt)
    {
        ArgumentNullException.ThrowIfNull(initial);
        if (classifiedAt < awareAt.AddHours(24))
        {
            return initial;
        }
        var due = classifiedAt.AddHours(4);
        return initial with
        {
            Deadline = due,
            Verify = true,
            Notes = [.. initial.Notes,
                $"Classified as major {(classifiedAt - awareAt).TotalHours:0.#} hours after awareness, after the 24-hour bound: the initial notification is due 4 hours after the classification ({Source}(2); verify against the Official Journal text). Explain the late classification to the authority."],
            Counting = [.. initial.Counting, new CountingStep
            {
                Kind = CountingStepKind.Adjusted,
                Note = $"classified at {BreachAssessor.Iso(classifiedAt)}, 24 hours or more after awareness ({BreachAssessor.Iso(awareAt)}): the 24-hour cap no longer bounds it; 4 hours after classification = {BreachAssessor.Iso(due)}",
            }],
        };
    }

    /// <summary>
    /// A time limit falling on a weekend day or a bank holiday of <paramref name="calendar"/> (the entity's Member State) moves
    /// to 12:00 of the next working day (Art. 5(4)). For the initial notification and the intermediate report the listed entity
    /// types and NIS2 essential or important entities do not get it (Art. 5(5)), nor an entity of unknown type; the final report
    /// gets it whatever the type (<paramref name="finalReport"/>). The relief is the RTS's own rule for these reports, so the
    /// general Regulation 1182/71 extension is not shown.
    /// </summary>
    public static Obligation WeekendRelief(Obligation report, string? entityType, bool nis2Entity, HolidayCalendar calendar, bool finalReport = false)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(calendar);
        if (report.Deadline is not { } deadline)
        {
            return report;
        }
        var zone = DeadlineCalculator.ResolveTimeZone(report.TimeZone);
        var day = DeadlineCalculator.LocalDate(deadline, zone);
        var specific = report with
        {
            ExtendedDeadline = null,
            Notes = [.. report.Notes.Where(n => !n.Contains("1182/71", StringComparison.Ordinal))],
        };
        if (calendar.IsBusinessDay(day))
        {
            return specific;
        }
        var why = calendar.Note(day) is { IsHoliday: true } holiday && day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
            ? $"a bank holiday in {calendar.Jurisdiction} ({holiday.Name})"
            : "a weekend day";
        var refusal = finalReport ? null : Art5Para5Exclusion(entityType, nis2Entity);
        if (refusal is not null)
        {
            return specific with
            {
                Notes = [.. specific.Notes, $"The time limit falls on {why}; the relief to noon of the next working day ({Source}(4)) does not apply to an initial notification or intermediate report here ({Source}(5)): {refusal}."],
            };
        }
        var next = day.AddDays(1);
        while (!calendar.IsBusinessDay(next))
        {
            next = next.AddDays(1);
        }
        var local = next.ToDateTime(Noon, DateTimeKind.Unspecified);
        var relieved = new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
        var who = entityType is null ? "the financial entity" : $"a {entityType}";
        var scope = finalReport
            ? $"a final report gets it whatever the entity type ({Source}(5) excludes only initial notifications and intermediate reports)"
            : $"not excluded by {Source}(5)";
        return specific with
        {
            Deadline = relieved,
            Verify = true,
            Notes = [.. specific.Notes,
                $"The time limit ({BreachAssessor.Iso(deadline)}) falls on {why}: {who} may submit by 12:00 of the next working day, {BreachAssessor.Iso(relieved)} ({Source}(4); not the end of that day); {scope}. The competent authority may have withdrawn the relief for this entity by a decision notified to it ({Source}(6)). Verify against the Official Journal text."],
            Counting = [.. specific.Counting, new CountingStep
            {
                Kind = CountingStepKind.Adjusted,
                Day = next,
                Note = $"{BreachAssessor.Iso(deadline)} falls on {why}: moved to 12:00 {report.TimeZone} of the next working day {next:yyyy-MM-dd} = {BreachAssessor.Iso(relieved)} ({Source}(4))",
            }],
        };
    }

    private static string? Art5Para5Exclusion(string? entityType, bool nis2Entity) => entityType switch
    {
        _ when nis2Entity => "an essential or important entity under NIS2 does not get it",
        null => "the entity type is not given (organisation.doraEntityType), and credit institutions, central counterparties, operators of trading venues and NIS2 entities do not get it",
        _ when WithoutWeekendRelief.Contains(entityType) => $"a {entityType} does not get it",
        _ => null,
    };
}
