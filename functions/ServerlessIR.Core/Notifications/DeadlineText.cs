using System.Globalization;

namespace ServerlessIR.Core.Notifications;

/// <summary>Says how long is left until a deadline in words a person reads at a glance ("1 d 4 h left", "overdue by 20 min").</summary>
public static class DeadlineText
{
    public static string TimeLeft(DateTimeOffset? deadline, DateTimeOffset now)
    {
        if (deadline is null)
        {
            return "no fixed deadline";
        }
        var left = deadline.Value - now;
        return left >= TimeSpan.Zero ? Span(left) + " left" : "overdue by " + Span(-left);
    }

    private static string Span(TimeSpan span)
    {
        var inv = CultureInfo.InvariantCulture;
        if (span.TotalDays >= 1)
        {
            return string.Format(inv, "{0} d {1} h", (int)span.TotalDays, span.Hours);
        }
        if (span.TotalHours >= 1)
        {
            return string.Format(inv, "{0} h {1} min", (int)span.TotalHours, span.Minutes);
        }
        return string.Format(inv, "{0} min", Math.Max(0, (int)Math.Ceiling(span.TotalMinutes)));
    }
}
