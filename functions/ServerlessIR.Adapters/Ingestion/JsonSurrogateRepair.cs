using System.Buffers;
using System.Globalization;

namespace ServerlessIR.Adapters.Ingestion;

/// <summary>
/// Replaces escaped lone UTF-16 surrogates (<c>"\ud800"</c> with no partner) in a JSON body by <c>\ufffd</c>, the
/// replacement character, before the body is read.
/// </summary>
/// <remarks>
/// JSON allows such escapes, but they are no Unicode text: System.Text.Json parses the document and then throws on every
/// read of the string, deep inside whatever code reads it. Replacing them once, at the edge, keeps the alert (an attacker
/// who slips a broken escape into a field must not be able to make the alert about them disappear), as Unicode's own rule
/// for ill-formed text does. Only <c>\u</c> escapes inside strings change; a body without lone surrogates is returned as is.
/// </remarks>
public static class JsonSurrogateRepair
{
    private static readonly byte[] Replacement = "\\ufffd"u8.ToArray();
    private static readonly SearchValues<byte> QuoteOrBackslash = SearchValues.Create("\"\\"u8);

    /// <summary>The body with each escaped lone surrogate replaced, and how many were.</summary>
    public static (ReadOnlyMemory<byte> Body, int Replaced) Repair(ReadOnlyMemory<byte> body)
    {
        var span = body.Span;
        if (!HasSurrogateEscape(span))
        {
            return (body, 0);
        }
        List<int>? lone = null;
        var inString = false;
        // Only quotes and backslashes matter: the search skips everything between them, many bytes at a time.
        for (var i = 0; i < span.Length; i++)
        {
            var skip = span[i..].IndexOfAny(QuoteOrBackslash);
            if (skip < 0)
            {
                break;
            }
            i += skip;
            var b = span[i];
            if (!inString)
            {
                inString = b == (byte)'"';
                continue;
            }
            if (b == (byte)'"')
            {
                inString = false;
            }
            else if (i + 1 < span.Length)
            {
                if (span[i + 1] == (byte)'u' && TryHex(span, i + 2, out var unit))
                {
                    if (char.IsHighSurrogate(unit) && i + 7 < span.Length && span[i + 6] == (byte)'\\' && span[i + 7] == (byte)'u' &&
                        TryHex(span, i + 8, out var next) && char.IsLowSurrogate(next))
                    {
                        i += 11;
                        continue;
                    }
                    if (char.IsSurrogate(unit))
                    {
                        (lone ??= []).Add(i);
                    }
                    i += 5;
                    continue;
                }
                i++;
            }
        }
        if (lone is null)
        {
            return (body, 0);
        }
        var repaired = span.ToArray();
        foreach (var at in lone)
        {
            Replacement.CopyTo(repaired, at);
        }
        return (repaired, lone.Count);
    }

    /// <summary>
    /// Whether the body holds anything that could be a surrogate escape: <c>\u</c> followed by <c>d</c> or <c>D</c>
    /// (surrogates are U+D800 to U+DFFF). Without one there is nothing to repair, and the usual body is passed with two
    /// vectorised searches instead of the walk through every string (System.Text.Json writes quotes and '+' as
    /// <c>\u0022</c> and <c>\u002B</c>, so a search for <c>\u</c> alone stops at every few fields).
    /// </summary>
    private static bool HasSurrogateEscape(ReadOnlySpan<byte> span) =>
        span.IndexOf("\\ud"u8) >= 0 || span.IndexOf("\\uD"u8) >= 0;

    private static bool TryHex(ReadOnlySpan<byte> span, int at, out char unit)
    {
        unit = default;
        if (at + 4 > span.Length)
        {
            return false;
        }
        Span<char> digits = stackalloc char[4];
        for (var k = 0; k < 4; k++)
        {
            digits[k] = (char)span[at + k];
        }
        if (!ushort.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }
        unit = (char)value;
        return true;
    }
}
