using System.Globalization;

namespace ServerlessIR.Core.Incidents;

/// <summary>
/// Checks one text field a person posted against its <see cref="FormLimits"/>: its length, and characters that have no
/// place in a record a regulator may read (control characters, lone UTF-16 surrogates). Line breaks are normalised to
/// <c>\n</c> first, because a browser sends a textarea's line breaks as <c>\r\n</c> although its <c>maxlength</c>
/// counted each as one.
/// </summary>
public static class FormText
{
    /// <summary>
    /// The value trimmed and normalised, or the error naming <paramref name="field"/>. A null value passes as null
    /// (whether the field is required is the caller's rule).
    /// </summary>
    /// <param name="multiline">True for free text, where line breaks and tabs are allowed.</param>
    public static (string? Value, string? Error) Check(string field, string? value, int maxLength, bool multiline)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (value is null)
        {
            return (null, null);
        }
        var text = value.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (text.Length > maxLength)
        {
            return (null, $"{field}: at most {maxLength} characters (got {text.Length})");
        }
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c))
            {
                return (null, $"{field}: contains a lone UTF-16 surrogate at position {i}; send valid Unicode text");
            }
            if (char.IsControl(c) && !(multiline && c is '\n' or '\t'))
            {
                var what = c is '\n' or '\r' ? "a line break" : "control character U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);
                return (null, $"{field}: {what} at position {i} is not allowed{(multiline ? "" : " (one line only)")}");
            }
        }
        return (text, null);
    }

    /// <summary>A posted value shortened for quoting in an error message, so a huge value is not echoed back whole.</summary>
    public static string Quote(string? value) =>
        value is null ? "null" : value.Length <= 40 ? value : string.Concat(value.AsSpan(0, 40), "…");
}
