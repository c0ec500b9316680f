namespace ServerlessIR.Core.Assessment;

/// <summary>
/// One cited correction to the PublicHoliday library: a day added to or removed from a jurisdiction's holidays,
/// either once (<see cref="Date"/>) or every year from <see cref="FromYear"/> (<see cref="MonthDay"/>, <c>MM-dd</c>).
/// </summary>
public sealed record HolidayOverride
{
    public required string Jurisdiction { get; init; }

    /// <summary><c>add</c> or <c>remove</c>.</summary>
    public required string Action { get; init; }

    public DateOnly? Date { get; init; }
    public string? MonthDay { get; init; }
    public int? FromYear { get; init; }
    public required string Name { get; init; }
    public required string Citation { get; init; }
    public bool Verify { get; init; }

    /// <summary>Whether this entry speaks about <paramref name="day"/>.</summary>
    public bool Matches(DateOnly day)
    {
        if (Date is { } date)
        {
            return date == day;
        }
        if (MonthDay is null || (FromYear is { } from && day.Year < from))
        {
            return false;
        }
        return MonthDay == day.ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }
}
