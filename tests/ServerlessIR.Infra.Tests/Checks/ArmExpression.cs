using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ServerlessIR.Infra.Tests.Checks;

/// <summary>
/// Evaluates the string-valued ARM template expressions the templates use for text a check must read exactly (role
/// assignment conditions): string literals, <c>format</c>, <c>toLower</c>, <c>parameters</c> and <c>variables</c>. Any
/// other function fails, naming it, so a check never passes on a guess.
/// </summary>
public sealed class ArmExpression
{
    private readonly JsonObject template;
    private readonly IReadOnlyDictionary<string, string> parameters;

    /// <param name="template">The (nested) template whose <c>variables</c> the expressions read.</param>
    /// <param name="parameters">Values for the <c>parameters('name')</c> calls.</param>
    public ArmExpression(JsonObject template, IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(parameters);
        this.template = template;
        this.parameters = parameters;
    }

    /// <summary>The text a template value stands for: a literal as it is, <c>[expression]</c> evaluated.</summary>
    public string Evaluate(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.StartsWith("[[", StringComparison.Ordinal))
        {
            return value[1..];
        }
        if (!value.StartsWith('[') || !value.EndsWith(']'))
        {
            return value;
        }
        var position = 1;
        var result = Term(value, ref position);
        return position == value.Length - 1 ? result : throw Unsupported(value, position);
    }

    private string Term(string text, ref int position)
    {
        SkipSpaces(text, ref position);
        if (text[position] == '\'')
        {
            return Literal(text, ref position);
        }
        var open = text.IndexOf('(', position);
        if (open < 0)
        {
            throw Unsupported(text, position);
        }
        var name = text[position..open].Trim();
        position = open + 1;
        var arguments = new List<string>();
        SkipSpaces(text, ref position);
        while (text[position] != ')')
        {
            arguments.Add(Term(text, ref position));
            SkipSpaces(text, ref position);
            if (text[position] == ',')
            {
                position++;
            }
        }
        position++;
        return name switch
        {
            "format" => Format(arguments),
            "toLower" => arguments.Single().ToLowerInvariant(),
            "parameters" => parameters.TryGetValue(arguments.Single(), out var parameter)
                ? parameter
                : throw new InvalidOperationException($"No test value for parameter '{arguments.Single()}'."),
            "variables" => Variable(arguments.Single()),
            _ => throw new InvalidOperationException($"ARM function '{name}' is not evaluated here: {text}"),
        };
    }

    private string Variable(string name) =>
        template["variables"]?[name] is JsonValue value && value.TryGetValue<string>(out var text)
            ? Evaluate(text)
            : throw new InvalidOperationException($"Variable '{name}' is not a string in the template.");

    private static string Format(List<string> arguments)
    {
        var text = new StringBuilder(arguments[0]);
        for (var i = 1; i < arguments.Count; i++)
        {
            text.Replace("{" + (i - 1).ToString(CultureInfo.InvariantCulture) + "}", arguments[i]);
        }
        return text.ToString();
    }

    private static string Literal(string text, ref int position)
    {
        var literal = new StringBuilder();
        position++;
        while (true)
        {
            if (text[position] == '\'')
            {
                if (position + 1 < text.Length && text[position + 1] == '\'')
                {
                    literal.Append('\'');
                    position += 2;
                    continue;
                }
                position++;
                return literal.ToString();
            }
            literal.Append(text[position++]);
        }
    }

    private static void SkipSpaces(string text, ref int position)
    {
        while (position < text.Length && text[position] == ' ')
        {
            position++;
        }
    }

    private static InvalidOperationException Unsupported(string text, int position) =>
        new($"Cannot evaluate the ARM expression at {position}: {text}");
}
