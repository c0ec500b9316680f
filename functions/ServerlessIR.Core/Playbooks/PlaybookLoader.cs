using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ServerlessIR.Core.Playbooks;

/// <summary>
/// Reads a YAML playbook, checks it against <c>playbook.schema.json</c> and the cross-references a schema cannot
/// express, and names every problem by file, line and field.
/// </summary>
public static class PlaybookLoader
{
    /// <summary>Name of the playbook that ships in the repository and drives the drill.</summary>
    public const string DefaultName = "default.playbook.yaml";

    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(ReadResource("playbook.schema.json")));

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip,
    };

    /// <summary>The JSON Schema text, for tools and editors.</summary>
    public static string SchemaText => ReadResource("playbook.schema.json");

    /// <summary>The default playbook's YAML text.</summary>
    public static string DefaultYaml => ReadResource(DefaultName);

    /// <summary>Loads the default playbook embedded in this assembly.</summary>
    public static Playbook LoadDefault() => Parse(DefaultYaml, DefaultName);

    /// <summary>Loads a playbook file.</summary>
    /// <exception cref="PlaybookLoadException">The file is not valid; the message lists every problem.</exception>
    public static Playbook LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new PlaybookLoadException(path, [new PlaybookProblem(path, 0, "(file)", "file not found")]);
        }
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses playbook YAML; <paramref name="source"/> names the file in error messages.</summary>
    public static Playbook Parse(string yaml, string source)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        JsonNode? json;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count == 0)
            {
                throw new PlaybookLoadException(source, [new PlaybookProblem(source, 1, "(document)", "the file is empty")]);
            }
            json = ToJson(stream.Documents[0].RootNode, "", lines);
        }
        catch (YamlException ex)
        {
            throw new PlaybookLoadException(source,
                [new PlaybookProblem(source, (int)ex.Start.Line, "(syntax)", ex.InnerException?.Message ?? ex.Message)]);
        }

        var element = JsonSerializer.SerializeToElement(json);
        var result = Schema.Value.Evaluate(element, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!result.IsValid)
        {
            var problems = (result.Details ?? [])
                .Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => (Pointer: d.InstanceLocation.ToString(), Message: e.Value)))
                .Distinct()
                .Select(e => new PlaybookProblem(source, LineOf(lines, e.Pointer), FieldName(e.Pointer), e.Message))
                .OrderBy(p => p.Line)
                .ToList();
            if (problems.Count == 0)
            {
                problems.Add(new PlaybookProblem(source, 1, "(document)", "does not match the playbook schema"));
            }
            throw new PlaybookLoadException(source, problems);
        }

        var playbook = element.Deserialize<Playbook>(JsonOptions)
            ?? throw new PlaybookLoadException(source, [new PlaybookProblem(source, 1, "(document)", "empty playbook")]);
        CheckReferences(playbook, source, lines);
        return playbook;
    }

    private static void CheckReferences(Playbook playbook, string source, Dictionary<string, int> lines)
    {
        var problems = new List<PlaybookProblem>();
        var orgIds = playbook.Salesforce.Orgs.Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < playbook.AiSystems.Count; i++)
        {
            var system = playbook.AiSystems[i];
            if (!orgIds.Contains(system.Org))
            {
                var pointer = $"/aiSystems/{i}/org";
                problems.Add(new PlaybookProblem(source, LineOf(lines, pointer), FieldName(pointer),
                    $"names Salesforce org '{system.Org}', which is not listed under salesforce.orgs"));
            }
        }
        for (var i = 0; i < playbook.Approvals.Tiers.Count; i++)
        {
            var tier = playbook.Approvals.Tiers[i];
            foreach (var upn in tier.ApproverObjectIds.Keys.Where(u => !tier.Approvers.Contains(u, StringComparer.OrdinalIgnoreCase)))
            {
                var pointer = $"/approvals/tiers/{i}/approverObjectIds";
                problems.Add(new PlaybookProblem(source, LineOf(lines, pointer), FieldName(pointer),
                    $"gives an object ID for '{upn}', who is not listed under this tier's approvers"));
            }
        }
        foreach (var duplicate in playbook.AiSystems.GroupBy(s => s.Id).Where(g => g.Count() > 1))
        {
            problems.Add(new PlaybookProblem(source, 0, "aiSystems", $"AI system id '{duplicate.Key}' appears more than once"));
        }
        foreach (var duplicate in playbook.Ingestion.AlertSources.GroupBy(a => a.Name).Where(g => g.Count() > 1))
        {
            problems.Add(new PlaybookProblem(source, 0, "ingestion.alertSources", $"alert source name '{duplicate.Key}' appears more than once"));
        }
        for (var i = 0; i < playbook.Containment.Steps.Count; i++)
        {
            var step = playbook.Containment.Steps[i];
            // One budget per action: a second step with the same action would share (and silently split) its slots.
            if (playbook.Containment.Steps.Take(i).Any(s => s.Action == step.Action))
            {
                var pointer = $"/containment/steps/{i}/action";
                problems.Add(new PlaybookProblem(source, LineOf(lines, pointer), FieldName(pointer),
                    $"action '{step.Action}' appears in more than one step"));
            }
            // Only steps listed earlier: the playbook's order is then always one the dependencies allow, so no cycle.
            foreach (var after in step.After ?? [])
            {
                var pointer = $"/containment/steps/{i}/after";
                var problem = after == step.Action ? $"step '{step.Action}' lists itself under after"
                    : playbook.Containment.Steps.Take(i).Any(s => s.Action == after) ? null
                    : playbook.Containment.Steps.Skip(i + 1).Any(s => s.Action == after)
                        ? $"step '{step.Action}' waits for '{after}', which is listed after it: list the step it waits for first"
                    : $"step '{step.Action}' waits for '{after}', which is not an action of containment.steps";
                if (problem is not null)
                {
                    problems.Add(new PlaybookProblem(source, LineOf(lines, pointer), FieldName(pointer), problem));
                }
            }
        }
        CheckStatusCadence(playbook.StatusUpdates, source, lines, problems);
        CheckTicketStates(playbook.Ticketing, source, lines, problems);
        if (playbook.Exercise.Salesforce is { } sandbox && orgIds.Contains(sandbox.Id))
        {
            // An exercise must never act on production: its org cannot be one the real incidents contain.
            problems.Add(new PlaybookProblem(source, LineOf(lines, "/exercise/salesforce/id"), "exercise.salesforce.id",
                $"names org '{sandbox.Id}', which is listed under salesforce.orgs: an exercise needs a sandbox or stand-in of its own"));
        }
        if (problems.Count > 0)
        {
            throw new PlaybookLoadException(source, problems);
        }
    }

    /// <summary>
    /// A less severe incident must not be posted about more often than a more severe one: that is a swapped pair of
    /// numbers, and the SEV1 channel would be the quiet one.
    /// </summary>
    private static void CheckStatusCadence(StatusUpdatePolicy policy, string source, Dictionary<string, int> lines, List<PlaybookProblem> problems)
    {
        var levels = policy.CadenceMinutes.OrderBy(c => c.Key, StringComparer.Ordinal).ToList();
        for (var i = 1; i < levels.Count; i++)
        {
            var (higher, lower) = (levels[i - 1], levels[i]);
            if (lower.Value < higher.Value)
            {
                var pointer = $"/statusUpdates/cadenceMinutes/{lower.Key}";
                problems.Add(new PlaybookProblem(source, LineOf(lines, pointer), FieldName(pointer),
                    $"posts {lower.Key} every {lower.Value} min, more often than {higher.Key} (every {higher.Value} min): a less severe incident cannot have the shorter cadence"));
            }
        }
    }

    /// <summary>
    /// A ticket state that reads as closed must not also be one an open incident writes: the ticket poll would take every
    /// open ticket for one closed on the ServiceNow side and ask for the review.
    /// </summary>
    private static void CheckTicketStates(TicketingSettings? ticketing, string source, Dictionary<string, int> lines, List<PlaybookProblem> problems)
    {
        if (ticketing is null)
        {
            return;
        }
        var states = ticketing.States;
        var open = new (string Field, string Value)[] { ("analysis", states.Analysis), ("contain", states.Contain), ("recover", states.Recover) };
        foreach (var (field, value) in open)
        {
            foreach (var (closedField, closedValue) in new[] { ("closed", states.Closed), ("cancelled", states.Cancelled) })
            {
                if (value == closedValue)
                {
                    var pointer = "/ticketing/states/" + field;
                    problems.Add(new PlaybookProblem(source, LineOf(lines, pointer), FieldName(pointer),
                        $"is '{value}', the same as ticketing.states.{closedField}: an open incident's ticket would read as closed on the ServiceNow side"));
                }
            }
        }
    }

    private static JsonNode? ToJson(YamlNode node, string pointer, Dictionary<string, int> lines)
    {
        lines[pointer] = (int)node.Start.Line;
        switch (node)
        {
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var (key, value) in map.Children)
                {
                    var name = ((YamlScalarNode)key).Value ?? "";
                    obj[name] = ToJson(value, pointer + "/" + name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal), lines);
                }
                return obj;
            case YamlSequenceNode seq:
                var arr = new JsonArray();
                var i = 0;
                foreach (var item in seq.Children)
                {
                    arr.Add(ToJson(item, pointer + "/" + i.ToString(CultureInfo.InvariantCulture), lines));
                    i++;
                }
                return arr;
            case YamlScalarNode scalar:
                return ScalarToJson(scalar);
            default:
                return null;
        }
    }

    private static JsonNode? ScalarToJson(YamlScalarNode scalar)
    {
        var text = scalar.Value;
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return JsonValue.Create(text);
        }
        switch (text)
        {
            case null or "" or "~" or "null": return null;
            case "true" or "True": return JsonValue.Create(true);
            case "false" or "False": return JsonValue.Create(false);
        }
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l)) return JsonValue.Create(l);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return JsonValue.Create(d);
        return JsonValue.Create(text);
    }

    private static int LineOf(Dictionary<string, int> lines, string pointer)
    {
        // Walk up to the nearest node that exists (a missing required field is reported at its parent).
        var p = pointer;
        while (true)
        {
            if (lines.TryGetValue(p, out var line)) return line;
            if (p.Length == 0) return 1;
            p = p[..p.LastIndexOf('/')];
        }
    }

    private static string FieldName(string pointer) =>
        pointer.Length == 0 ? "(document)" : pointer.TrimStart('/').Replace('/', '.');

    private static string ReadResource(string name)
    {
        var assembly = typeof(PlaybookLoader).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith("Playbooks." + name, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
