namespace ServerlessIR.Core.Assessment;

/// <summary>
/// One cited rule of a jurisdiction's calendar: a day made a holiday (<c>add</c>) or kept a working day (<c>remove</c>),
/// either once (<see cref="Date"/>), every year on a fixed date (<see cref="MonthDay"/>, <c>MM-dd</c>), or every year at a
/// distance from Easter Sunday (<see cref="EasterOffset"/>, for movable feasts), between <see cref="FromYear"/> and
/// <see cref="UntilYear"/> when given.
/// </summary>
public sealed record HolidayOverride
{
    public required string Jurisdiction { get; init; }

    /// <summary><c>add</c> or <c>remove</c>.</summary>
    public required string Action { get; init; }

    public DateOnly? Date { get; init; }
    public string? MonthDay { get; init; }

    /// <summary>Days after Easter Sunday (negative before it): Good Friday -2, Carnival Monday -48, Corpus Christi +60.</summary>
    public int? EasterOffset { get; init; }

    public int? FromYear { get; init; }
    public int? UntilYear { get; init; }
    public required string Name { get; init; }
    public required string Citation { get; init; }
    public bool Verify { get; init; }

    /// <summary>The other reading where sources disagree on whether the day is a holiday, shown by <c>ir assess --explain</c>.</summary>
    public string? Alternative { get; init; }

    /// <summary>Whether the entry adds a holiday (rather than keeping a day a working day).</summary>
    public bool AddsHoliday => Action == "add";

    /// <summary>How many of <see cref="Date"/>, <see cref="MonthDay"/> and <see cref="EasterOffset"/> are given: a valid entry has exactly one.</summary>
    public int WaysToMatch => (Date is null ? 0 : 1) + (MonthDay is null ? 0 : 1) + (EasterOffset is null ? 0 : 1);

    /// <summary>Whether this entry speaks about <paramref name="day"/>.</summary>
    public bool Matches(DateOnly day)
    {
        if (Date is { } date)
        {
            return date == day;
        }
        if ((FromYear is { } from && day.Year < from) || (UntilYear is { } until && day.Year > until))
        {
            return false;
        }
        if (EasterOffset is { } offset)
        {
            return EasterSunday.Of(day.Year).AddDays(offset) == day;
        }
        return MonthDay is not null && MonthDay == day.ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }
}
