using System.Globalization;

namespace ServerlessIR.Local.Commands;

/// <summary>Options of one verb: <c>--name value</c> pairs and positional words; a bad value is a usage error naming the option.</summary>
public sealed class Args
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);

    public Args(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new UsageException($"Option {args[i]} needs a value.");
                }
                values[args[i]] = args[++i];
            }
            else
            {
                Positional.Add(args[i]);
            }
        }
    }

    public List<string> Positional { get; } = [];

    public string? Value(string name) => values.GetValueOrDefault(name);

    public string Required(string name) => Value(name) ?? throw new UsageException($"Option {name} is required.");

    public double? Double(string name) =>
        Value(name) is not { } text ? null
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d
        : throw new UsageException($"Option {name} takes a number (got '{text}').");

    public int? Int(string name) =>
        Value(name) is not { } text ? null
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i
        : throw new UsageException($"Option {name} takes a whole number (got '{text}').");
}
