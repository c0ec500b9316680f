namespace ServerlessIR.Core.Assessment;

/// <summary>
/// What a calendar says about one day that is, or could be taken for, a public holiday: its name, whether it counts as a
/// holiday, the source, and the other reading where sources disagree.
/// </summary>
public sealed record HolidayNote(string Name, bool IsHoliday, string Source, string? Alternative = null, bool Verify = false);
