using System.Globalization;
using System.Text;

namespace ServerlessIR.Core.Evidence;

/// <summary>
/// Text from outside (alert summaries, hold reasons, error messages) cut to a length that always fits where it goes:
/// an evidence record, a timeline entry, the incident record. A cut is visible (a marker says how long the text was),
/// never silent, and never leaves half a surrogate pair behind.
/// </summary>
public static class BoundedText
{
    /// <summary>
    /// <paramref name="text"/> as it is when it fits in <paramref name="maxChars"/> and is well-formed UTF-16; otherwise
    /// its start followed by a marker naming the original length, <paramref name="maxChars"/> characters in all.
    /// </summary>
    /// <remarks>
    /// A lone surrogate becomes U+FFFD: the evidence canonicalizer (RFC 8785) refuses one, and a refused record would
    /// fail the incident's bookkeeping for a reason nobody could see.
    /// </remarks>
    public static string Truncate(string text, int maxChars)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChars, 64);
        var clean = WellFormed(text);
        if (clean.Length <= maxChars)
        {
            return clean;
        }
        var marker = string.Create(CultureInfo.InvariantCulture, $" … [truncated: {text.Length} characters in all]");
        var keep = maxChars - marker.Length;
        if (char.IsHighSurrogate(clean[keep - 1]))
        {
            keep--;
        }
        return string.Concat(clean.AsSpan(0, keep), marker);
    }

    /// <summary><see cref="Truncate"/> for an optional value: null stays null.</summary>
    public static string? TruncateOptional(string? text, int maxChars) => text is null ? null : Truncate(text, maxChars);

    private static string WellFormed(string text)
    {
        var i = 0;
        while (i < text.Length && IsPaired(text, i, out var width))
        {
            i += width;
        }
        if (i == text.Length)
        {
            return text;
        }
        var builder = new StringBuilder(text.Length);
        builder.Append(text, 0, i);
        while (i < text.Length)
        {
            if (IsPaired(text, i, out var width))
            {
                builder.Append(text, i, width);
                i += width;
            }
            else
            {
                builder.Append('\uFFFD');
                i++;
            }
        }
        return builder.ToString();
    }

    /// <summary>Whether the character at <paramref name="i"/> starts a well-formed code point, and how many chars it takes.</summary>
    private static bool IsPaired(string text, int i, out int width)
    {
        var c = text[i];
        if (!char.IsSurrogate(c))
        {
            width = 1;
            return true;
        }
        width = 2;
        return char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
    }
}
