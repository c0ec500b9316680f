namespace ServerlessIR.Core.Assessment;

/// <summary>
/// The DORA time limits that the catalog's plain periods cannot say (Commission Delegated Regulation (EU) 2025/301 Art. 5):
/// an incident classified as major more than 24 hours after awareness, and the relief for a time limit that falls on a
/// weekend day or bank holiday of the entity's Member State (submit by noon of the next working day), which some entity
/// types do not get. docs/regimes.md says which parts of the text were verified.
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

    /// <summary>Entity types the weekend and holiday relief does not apply to (besides NIS2 essential or important entities).</summary>
    public static IReadOnlySet<string> WithoutWeekendRelief { get; } =
        new HashSet<string>(["credit-institution", "central-counterparty", "trading-venue"], StringComparer.Ordinal);

    private static readonly TimeOnly Noon = new(12, 0);

    /// <summary>
    /// An incident classified as major 24 hours or more after awareness: the 24-hour bound has already passed, so the initial
    /// notification is due 4 hours after the classification (the ESAs' final draft RTS, JC 2024 33, Art. 6(2); carried into
    /// 2025/301 Art. 5(1)(a) as we read it). Earlier classifications keep the catalog's "4 h, at most 24 h from awareness".
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
                $"Classified as major {(classifiedAt - awareAt).TotalHours:0.#} hours after awareness, after the 24-hour bound: the initial notification is due 4 hours after the classification ({Source}(1)(a); draft RTS JC 2024 33 Art. 6(2): verify against the published text). Explain the late classification to the authority."],
            Counting = [.. initial.Counting, new CountingStep
            {
                Kind = CountingStepKind.Adjusted,
                Note = $"classified at {BreachAssessor.Iso(classifiedAt)}, 24 hours or more after awareness ({BreachAssessor.Iso(awareAt)}): the 24-hour cap no longer bounds it; 4 hours after classification = {BreachAssessor.Iso(due)}",
            }],
        };
    }

    /// <summary>
    /// A time limit falling on a weekend day or a bank holiday of <paramref name="calendar"/> (the entity's Member State) moves
    /// to 12:00 of the next working day, unless the entity type is excluded or not known (then the unmoved limit stands and a
    /// note says why). The relief is the RTS's own rule for these reports, so the general Regulation 1182/71 extension is not shown.
    /// </summary>
    public static Obligation WeekendRelief(Obligation report, string? entityType, bool nis2Entity, HolidayCalendar calendar)
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
        string? refusal = null;
        if (nis2Entity)
        {
            refusal = "an essential or important entity under NIS2 does not get it";
        }
        else if (entityType is null)
        {
            refusal = "the entity type is not given (organisation.doraEntityType), and credit institutions, central counterparties and trading venues do not get it";
        }
        else if (WithoutWeekendRelief.Contains(entityType))
        {
            refusal = $"a {entityType} does not get it";
        }
        if (refusal is not null)
        {
            return specific with
            {
                Notes = [.. specific.Notes, $"The time limit falls on {why}; the relief to noon of the next working day ({Source}) does not apply: {refusal}."],
            };
        }
        var next = day.AddDays(1);
        while (!calendar.IsBusinessDay(next))
        {
            next = next.AddDays(1);
        }
        var local = next.ToDateTime(Noon, DateTimeKind.Unspecified);
        var relieved = new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
        return specific with
        {
            Deadline = relieved,
            Verify = true,
            Notes = [.. specific.Notes,
                $"The time limit ({BreachAssessor.Iso(deadline)}) falls on {why}: a {entityType} may submit by 12:00 of the next working day, {BreachAssessor.Iso(relieved)} ({Source}; not the end of that day). Verify the exempt entity types against the published text."],
            Counting = [.. specific.Counting, new CountingStep
            {
                Kind = CountingStepKind.Adjusted,
                Day = next,
                Note = $"{BreachAssessor.Iso(deadline)} falls on {why}: moved to 12:00 {report.TimeZone} of the next working day {next:yyyy-MM-dd} = {BreachAssessor.Iso(relieved)} ({Source})",
            }],
        };
    }
}
