using System.Globalization;
using System.Text;

namespace ServerlessIR.Local.Fuzz;

/// <summary>How fuzz payloads are shown in a report: short, on one line, with control characters made visible.</summary>
internal static class FuzzText
{
    public const int PreviewChars = 200;

    public static string Preview(byte[] body) => Preview(Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, PreviewChars * 4)));

    public static string Preview(string text)
    {
        var builder = new StringBuilder(PreviewChars + 16);
        foreach (var c in text)
        {
            if (builder.Length >= PreviewChars)
            {
                builder.Append('…');
                break;
            }
            if (char.IsControl(c) || char.IsSurrogate(c))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }
}
