namespace ServerlessIR.Local.Drill;

/// <summary>
/// What one of the drill's people did with a link: <see cref="Kind"/> is <c>approval</c> or <c>notice</c>;
/// <see cref="Decision"/> is <c>silent</c>, <c>approve</c>, <c>reject</c> or <c>submitted</c>; the HTTP statuses are
/// those of the page's GET and POST (null when not sent).
/// </summary>
public sealed record DrillPersonAction(
    string Kind, string Subject, string Decision, string? By, int? GetStatus, int? PostStatus, double AtWallSeconds);
