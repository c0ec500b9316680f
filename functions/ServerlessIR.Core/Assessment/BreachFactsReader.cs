using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ServerlessIR.Core.Assessment;

/// <summary>
/// Reads the <c>./ir assess --input</c> JSON (docs/architecture.md) strictly: an unknown field, a wrong type, a bad date or a
/// bad jurisdiction code is an error naming the field. All errors are collected so one run shows them all.
/// Absent fields mean unknown or false; <c>awareAt</c> is required because every clock runs from it.
/// </summary>
public static partial class BreachFactsReader
{
    /// <summary>Data categories the assessor knows; the same list as the playbook schema's <c>dataCategory</c>.</summary>
    public static IReadOnlySet<string> DataCategories { get; } = new HashSet<string>(
        ["contact", "behavioural", "financial", "payment-card", "credentials", "special-category", "identity-document", "location", "children"],
        StringComparer.Ordinal);

    private static readonly string[] TopFields =
        ["awareAt", "jurisdictions", "dataCategories", "subjectCount", "unintelligible", "keyCompromised", "malicious",
         "lossOfConfidentiality", "lossOfIntegrity", "lossOfAvailability", "recipientsKnown", "dataRetrieved",
         "elderlySubjects", "dataUnderSecrecy", "serviceImpact", "organisation", "aiSystem"];

    private static readonly string[] OrganisationFields =
        ["euMainEstablishment", "nis2Entity", "doraEntity", "doraClassifiedAt", "doraEntityType", "secRegistrant", "materialityDeterminedAt",
         "hipaaCoveredEntity", "notifiableAssessedAt", "entityType", "unionUsers", "annualTurnoverEur", "ftcFinancialInstitution"];

    private static readonly string[] ServiceImpactFields =
        ["unavailability", "usersAffected", "financialLossEur", "tradeSecretsExfiltrated", "death", "healthDamage",
         "severeOperationalDisruption"];

    private static readonly string[] Unavailabilities = ["none", "limited", "complete"];

    /// <summary>The <c>euMainEstablishment</c> value that says the controller has no EU/EEA establishment.</summary>
    public const string NoEstablishment = "none";

    private static readonly string[] AiSystemFields =
        ["id", "criticality", "highRisk", "seriousIncident", "seriousIncidentKind", "causalLinkEstablishedAt", "deployer"];

    /// <summary>The cases the AI Act's serious-incident rules distinguish (their <see cref="RegimeRule.Variant"/>s).</summary>
    private static readonly string[] SeriousIncidentKinds =
        [.. RegimeCatalog.Default.Rules.Where(r => r.Regime == "eu-ai-act-art73").Select(r => r.Variant).OfType<string>()];
    private static readonly string[] Criticalities = ["checkout-critical", "business-critical", "standard", "low"];

    /// <summary>Parses and validates breach facts.</summary>
    /// <exception cref="InvalidBreachFactsException">The input is not valid; <see cref="InvalidBreachFactsException.Errors"/> names each field.</exception>
    public static BreachFacts Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new InvalidBreachFactsException([$"(document): not valid JSON at line {(ex.LineNumber ?? 0) + 1}: {ex.Message}"]);
        }
        using (document)
        {
            var errors = new List<string>();
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidBreachFactsException(["(document): expected a JSON object"]);
            }
            CheckFields(root, "", TopFields, errors);
            var awareAt = DateTime(root, "awareAt", "awareAt", errors);
            if (awareAt is null && (!root.TryGetProperty("awareAt", out var aware) || aware.ValueKind == JsonValueKind.Null))
            {
                errors.Add("awareAt: required (the instant the controller became aware; every clock runs from it)");
            }
            var facts = new BreachFacts
            {
                AwareAt = awareAt ?? default,
                Jurisdictions = Jurisdictions(root, errors),
                DataCategories = Categories(root, errors),
                SubjectCount = Count(root, "subjectCount", "subjectCount", errors) ?? 0,
                Unintelligible = Bool(root, "unintelligible", "unintelligible", errors),
                KeyCompromised = OptionalBool(root, "keyCompromised", "keyCompromised", errors),
                RecipientsKnown = OptionalBool(root, "recipientsKnown", "recipientsKnown", errors),
                DataRetrieved = Bool(root, "dataRetrieved", "dataRetrieved", errors),
                ElderlySubjects = Bool(root, "elderlySubjects", "elderlySubjects", errors),
                DataUnderSecrecy = Bool(root, "dataUnderSecrecy", "dataUnderSecrecy", errors),
                ServiceImpact = ServiceImpact(root, errors),
                Malicious = Bool(root, "malicious", "malicious", errors),
                LossOfConfidentiality = Bool(root, "lossOfConfidentiality", "lossOfConfidentiality", errors),
                LossOfIntegrity = Bool(root, "lossOfIntegrity", "lossOfIntegrity", errors),
                LossOfAvailability = Bool(root, "lossOfAvailability", "lossOfAvailability", errors),
                Organisation = Organisation(root, errors),
                AiSystem = AiSystem(root, errors),
            };
            if (facts.Unintelligible && facts.KeyCompromised is null && !errors.Any(e => e.StartsWith("keyCompromised", StringComparison.Ordinal)))
            {
                // Unintelligibility only holds while the key is safe (EDPB Guidelines 9/2022 II.D): the facts must say so.
                errors.Add("keyCompromised: required when unintelligible is true (true if the decryption key or hash salt may have been obtained, else false)");
            }
            if (errors.Count > 0)
            {
                throw new InvalidBreachFactsException(errors);
            }
            return facts;
        }
    }

    private static OrganisationFacts Organisation(JsonElement root, List<string> errors)
    {
        if (!Object(root, "organisation", "organisation", errors, out var org))
        {
            return new OrganisationFacts();
        }
        CheckFields(org, "organisation.", OrganisationFields, errors);
        string? establishment = null;
        var noEstablishment = false;
        if (org.TryGetProperty("euMainEstablishment", out var e) && e.ValueKind != JsonValueKind.Null)
        {
            if (e.ValueKind != JsonValueKind.String)
            {
                errors.Add($"organisation.euMainEstablishment: expected a string or null, got {Kind(e)}");
            }
            else if (e.GetString() == NoEstablishment)
            {
                noEstablishment = true;
            }
            else if (!Assessment.Jurisdictions.Eea.Contains(e.GetString()!))
            {
                errors.Add($"organisation.euMainEstablishment: '{e.GetString()}' is not an ISO 3166-1 alpha-2 code of an EU/EEA Member State, nor '{NoEstablishment}' (no establishment in the EU/EEA)");
            }
            else
            {
                establishment = e.GetString();
            }
        }
        return new OrganisationFacts
        {
            EuMainEstablishment = establishment,
            NoEuEstablishment = noEstablishment,
            DoraEntityType = Enum(org, "doraEntityType", "organisation.doraEntityType", [.. DoraReportingClock.EntityTypes], errors),
            Nis2Entity = Bool(org, "nis2Entity", "organisation.nis2Entity", errors),
            DoraEntity = Bool(org, "doraEntity", "organisation.doraEntity", errors),
            DoraClassifiedAt = DateTime(org, "doraClassifiedAt", "organisation.doraClassifiedAt", errors),
            SecRegistrant = Bool(org, "secRegistrant", "organisation.secRegistrant", errors),
            MaterialityDeterminedAt = DateTime(org, "materialityDeterminedAt", "organisation.materialityDeterminedAt", errors),
            HipaaCoveredEntity = Bool(org, "hipaaCoveredEntity", "organisation.hipaaCoveredEntity", errors),
            NotifiableAssessedAt = DateTime(org, "notifiableAssessedAt", "organisation.notifiableAssessedAt", errors),
            EntityType = Enum(org, "entityType", "organisation.entityType", [.. Nis2Significance.EntityTypes], errors),
            UnionUsers = Count(org, "unionUsers", "organisation.unionUsers", errors),
            AnnualTurnoverEur = Count(org, "annualTurnoverEur", "organisation.annualTurnoverEur", errors),
            FtcFinancialInstitution = Bool(org, "ftcFinancialInstitution", "organisation.ftcFinancialInstitution", errors),
        };
    }

    private static ServiceImpactFacts? ServiceImpact(JsonElement root, List<string> errors)
    {
        if (!Object(root, "serviceImpact", "serviceImpact", errors, out var impact))
        {
            return null;
        }
        CheckFields(impact, "serviceImpact.", ServiceImpactFields, errors);
        return new ServiceImpactFacts
        {
            Unavailability = Enum(impact, "unavailability", "serviceImpact.unavailability", Unavailabilities, errors),
            UsersAffected = Count(impact, "usersAffected", "serviceImpact.usersAffected", errors),
            FinancialLossEur = Count(impact, "financialLossEur", "serviceImpact.financialLossEur", errors),
            TradeSecretsExfiltrated = Bool(impact, "tradeSecretsExfiltrated", "serviceImpact.tradeSecretsExfiltrated", errors),
            Death = Bool(impact, "death", "serviceImpact.death", errors),
            HealthDamage = Bool(impact, "healthDamage", "serviceImpact.healthDamage", errors),
            SevereOperationalDisruption = Bool(impact, "severeOperationalDisruption", "serviceImpact.severeOperationalDisruption", errors),
        };
    }

    private static long? Count(JsonElement obj, string name, string path, List<string> errors)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var count) || count < 0)
        {
            errors.Add($"{path}: expected a non-negative integer, got {Describe(value)}");
            return null;
        }
        return count;
    }

    private static bool? OptionalBool(JsonElement obj, string name, string path, List<string> errors)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return Bool(obj, name, path, errors);
    }

    private static AiSystemFacts? AiSystem(JsonElement root, List<string> errors)
    {
        if (!Object(root, "aiSystem", "aiSystem", errors, out var ai))
        {
            return null;
        }
        CheckFields(ai, "aiSystem.", AiSystemFields, errors);
        return new AiSystemFacts
        {
            Id = Enum(ai, "id", "aiSystem.id", null, errors),
            Criticality = Enum(ai, "criticality", "aiSystem.criticality", Criticalities, errors),
            HighRisk = Bool(ai, "highRisk", "aiSystem.highRisk", errors),
            SeriousIncident = Bool(ai, "seriousIncident", "aiSystem.seriousIncident", errors),
            SeriousIncidentKind = Enum(ai, "seriousIncidentKind", "aiSystem.seriousIncidentKind", SeriousIncidentKinds, errors),
            CausalLinkEstablishedAt = DateTime(ai, "causalLinkEstablishedAt", "aiSystem.causalLinkEstablishedAt", errors),
            Deployer = Bool(ai, "deployer", "aiSystem.deployer", errors),
        };
    }

    private static List<string> Jurisdictions(JsonElement root, List<string> errors)
    {
        var codes = StringArray(root, "jurisdictions", errors);
        for (var i = 0; i < codes.Count; i++)
        {
            if (codes[i] is { } code && !Assessment.Jurisdictions.IsValid(code))
            {
                errors.Add($"jurisdictions[{i}]: '{code}' is not an ISO 3166-1 alpha-2 code or ISO 3166-2 subdivision (use GB for the United Kingdom, US-CA for California)");
            }
        }
        return codes.Where(c => c is not null).Select(c => c!).Distinct(StringComparer.Ordinal).ToList();
    }

    private static List<string> Categories(JsonElement root, List<string> errors)
    {
        var categories = StringArray(root, "dataCategories", errors);
        for (var i = 0; i < categories.Count; i++)
        {
            if (categories[i] is { } category && !DataCategories.Contains(category))
            {
                errors.Add($"dataCategories[{i}]: '{category}' is not one of {string.Join(", ", DataCategories)}");
            }
        }
        return categories.Where(c => c is not null).Select(c => c!).Distinct(StringComparer.Ordinal).ToList();
    }

    private static List<string?> StringArray(JsonElement obj, string name, List<string> errors)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"{name}: expected an array of strings, got {Kind(value)}");
            return [];
        }
        var items = new List<string?>();
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                items.Add(item.GetString());
            }
            else
            {
                errors.Add($"{name}[{i}]: expected a string, got {Kind(item)}");
                items.Add(null);
            }
            i++;
        }
        return items;
    }

    private static bool Object(JsonElement parent, string name, string path, List<string> errors, out JsonElement value)
    {
        if (!parent.TryGetProperty(name, out value) || value.ValueKind == JsonValueKind.Null)
        {
            return false;
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}: expected an object, got {Kind(value)}");
            return false;
        }
        return true;
    }

    private static bool Bool(JsonElement obj, string name, string path, List<string> errors)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return false;
        }
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }
        errors.Add($"{path}: expected true or false, got {Describe(value)}");
        return false;
    }

    private static string? Enum(JsonElement obj, string name, string path, string[]? allowed, List<string> errors)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add($"{path}: expected a string, got {Kind(value)}");
            return null;
        }
        var text = value.GetString()!;
        if (allowed is not null && !allowed.Contains(text, StringComparer.Ordinal))
        {
            errors.Add($"{path}: '{text}' is not one of {string.Join(", ", allowed)}");
            return null;
        }
        return text;
    }

    private static DateTimeOffset? DateTime(JsonElement obj, string name, string path, List<string> errors)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        // Only full date-times with an explicit offset: a local time would make every deadline ambiguous.
        if (value.ValueKind == JsonValueKind.String
            && IsoDateTime().IsMatch(value.GetString()!)
            && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return parsed.ToUniversalTime();
        }
        errors.Add($"{path}: not an ISO 8601 date-time with offset (e.g. 2026-11-27T10:00:00Z), got {Describe(value)}");
        return null;
    }

    private static void CheckFields(JsonElement obj, string prefix, string[] known, List<string> errors)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                errors.Add($"{prefix}{property.Name}: unknown field (known: {string.Join(", ", known)})");
            }
        }
    }

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    private static string Describe(JsonElement value) =>
        value.ValueKind is JsonValueKind.String or JsonValueKind.Number ? $"{Kind(value)} {value.GetRawText()}" : Kind(value);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDateTime();
}
