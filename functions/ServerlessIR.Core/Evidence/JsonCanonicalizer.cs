using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServerlessIR.Core.Evidence;

/// <summary>
/// JSON Canonicalization Scheme (RFC 8785): the byte-exact form evidence hashes are computed over.
/// </summary>
/// <remarks>
/// Written here rather than taken from a package so that the algorithm an auditor re-implements
/// (docs/evidence.md) is the one we run: object members sorted by their names' UTF-16 code units,
/// no whitespace, strings with the minimal escaping of ECMAScript <c>JSON.stringify</c>, numbers as
/// IEEE-754 doubles printed the way ECMAScript's <c>Number.prototype.toString</c> prints them.
/// Non-finite numbers and lone surrogates cannot be canonicalized and are rejected.
/// </remarks>
public static class JsonCanonicalizer
{
    /// <summary>The canonical text of <paramref name="node"/> (<c>null</c> means the JSON literal null).</summary>
    public static string Canonicalize(JsonNode? node)
    {
        var builder = new StringBuilder(256);
        Write(builder, node);
        return builder.ToString();
    }

    /// <summary>The canonical form as UTF-8 bytes, which is what gets hashed.</summary>
    public static byte[] CanonicalizeToUtf8(JsonNode? node) => Encoding.UTF8.GetBytes(Canonicalize(node));

    /// <summary>Parses JSON text and returns its canonical text.</summary>
    public static string Canonicalize(string json) => Canonicalize(JsonNode.Parse(json));

    /// <summary>ECMAScript <c>Number.prototype.toString</c> of a double, as RFC 8785 section 3.2.2.3 requires.</summary>
    public static string FormatNumber(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "JSON has no representation for NaN or Infinity.");
        }

        // Covers -0 too: ECMAScript prints both zeros as "0".
        if (value == 0)
        {
            return "0";
        }

        // .NET's round-trip format yields the shortest digit string that reads back as the same
        // double (the same digits ECMAScript chooses); only the layout differs, so re-lay it out.
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = text[0] == '-';
        if (negative)
        {
            text = text[1..];
        }

        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        var mantissa = text;
        if (e >= 0)
        {
            exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            mantissa = text[..e];
        }

        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var allDigits = dot >= 0 ? string.Concat(mantissa.AsSpan(0, dot), mantissa.AsSpan(dot + 1)) : mantissa;
        var integerDigits = dot >= 0 ? dot : mantissa.Length;
        var leadingZeros = allDigits.Length - allDigits.TrimStart('0').Length;
        var digits = allDigits.Trim('0');

        // ECMAScript's terms: value = digits x 10^(n - k), with k digits and 10^(n-1) <= value < 10^n.
        var k = digits.Length;
        var n = integerDigits - leadingZeros + exponent;

        var result = new StringBuilder(32);
        if (negative)
        {
            result.Append('-');
        }

        if (k <= n && n <= 21)
        {
            result.Append(digits).Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            result.Append(digits, 0, n).Append('.').Append(digits, n, k - n);
        }
        else if (-6 < n && n <= 0)
        {
            result.Append("0.").Append('0', -n).Append(digits);
        }
        else
        {
            result.Append(digits[0]);
            if (k > 1)
            {
                result.Append('.').Append(digits, 1, k - 1);
            }

            var power = n - 1;
            result.Append('e').Append(power < 0 ? '-' : '+').Append(Math.Abs(power).ToString(CultureInfo.InvariantCulture));
        }

        return result.ToString();
    }

    private static void Write(StringBuilder builder, JsonNode? node)
    {
        switch (node)
        {
            case null:
                builder.Append("null");
                break;
            case JsonObject obj:
                WriteObject(builder, obj);
                break;
            case JsonArray array:
                builder.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    Write(builder, array[i]);
                }

                builder.Append(']');
                break;
            case JsonValue value:
                WriteValue(builder, value);
                break;
            default:
                throw new NotSupportedException($"Unexpected JSON node type {node.GetType().Name}.");
        }
    }

    private static void WriteObject(StringBuilder builder, JsonObject obj)
    {
        // string.CompareOrdinal compares UTF-16 code units, which is exactly RFC 8785's sort order.
        var members = new List<KeyValuePair<string, JsonNode?>>(obj.Count);
        foreach (var member in obj)
        {
            members.Add(member);
        }

        members.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));

        builder.Append('{');
        for (var i = 0; i < members.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            WriteString(builder, members[i].Key);
            builder.Append(':');
            Write(builder, members[i].Value);
        }

        builder.Append('}');
    }

    private static void WriteValue(StringBuilder builder, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                // Values built from CLR types other than string (Guid, DateTime, char) serialize as strings too.
                var text = value.TryGetValue<string>(out var s) ? s : JsonSerializer.Deserialize<string>(value.ToJsonString())!;
                WriteString(builder, text);
                break;
            case JsonValueKind.Number:
                // Whatever the CLR type behind the node (int, long, decimal, JsonElement), JCS
                // treats every number as an IEEE-754 double; going through its JSON text is uniform.
                var number = double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
                builder.Append(FormatNumber(number));
                break;
            case JsonValueKind.True:
                builder.Append("true");
                break;
            case JsonValueKind.False:
                builder.Append("false");
                break;
            case JsonValueKind.Null:
                builder.Append("null");
                break;
            default:
                throw new NotSupportedException($"Unexpected JSON value kind {value.GetValueKind()}.");
        }
    }

    private static void WriteString(StringBuilder builder, string value)
    {
        builder.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\b':
                    builder.Append("\\b");
                    break;
                case '\f':
                    builder.Append("\\f");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                default:
                    if (c < 0x20)
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        builder.Append(c).Append(value[++i]);
                    }
                    else if (char.IsSurrogate(c))
                    {
                        // A lone surrogate has no UTF-8 encoding, so it cannot have a canonical byte form.
                        throw new ArgumentException($"String contains a lone surrogate U+{(int)c:X4} at index {i}.", nameof(value));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }
}
