using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ServerlessIR.Core.Evidence;

/// <summary>
/// Keeps secrets and raw customer identifiers out of evidence, which is kept for years and exported
/// to third parties. Applied by the ledger before hashing, so what is hashed is what is stored.
/// </summary>
/// <remarks>
/// Rules, in order:
/// <list type="number">
/// <item>A member whose name looks like a secret (token, secret, password, authorization, apiKey,
/// credential, cookie, code, otp, pin...) has its value replaced by <c>[redacted]</c>. Numbers and
/// booleans under names that merely contain such a word (<c>tokensRevoked: 3</c>) are kept: they
/// carry no secret and the count is evidence.</item>
/// <item><c>{"$pii": "raw"}</c> marks a raw identifier: it becomes its pseudonym.</item>
/// <item>A string member named like a customer identifier (email, contactId, customerId...) becomes its pseudonym.</item>
/// <item>In every string (payload and summary), e-mail addresses become pseudonyms and
/// Salesforce session IDs, bearer tokens and JWTs become <c>[redacted]</c>. Members named for an
/// accountable person (<c>by</c>, <c>approver</c>...) keep e-mail addresses: who approved is the evidence.</item>
/// </list>
/// Sanitizing is idempotent, so a retried append sanitizes to the same content it stored first.
/// </remarks>
public sealed partial class EvidenceSanitizer
{
    public const string Redacted = "[redacted]";

    /// <summary>Name of the marker member: <c>{"$pii": "jane.doe@example.com"}</c>.</summary>
    public const string PiiMarker = "$pii";

    private static readonly string[] SecretNameParts =
    [
        "token", "secret", "password", "passwd", "passphrase", "authorization", "apikey", "accesskey",
        "privatekey", "credential", "cookie", "sessionid", "connectionstring", "authcode", "signature",
    ];

    private static readonly HashSet<string> SecretExactNames = new(StringComparer.Ordinal)
    {
        "code", "otp", "pin", "pwd", "key", "sig", "sas", "jwt", "bearer",
    };

    private static readonly string[] DefaultIdentifierFields =
    [
        "email", "emailAddress", "customerEmail", "customerId", "contactId", "leadId", "personAccountId",
        "subjectId", "phone", "mobilePhone", "customerName",
    ];

    private static readonly string[] DefaultAccountableFields =
    [
        "by", "approver", "approvers", "decidedBy", "requestedBy", "submittedBy", "owner", "recipient",
    ];

    private readonly Pseudonymizer pseudonymizer;
    private readonly HashSet<string> identifierFields;
    private readonly HashSet<string> accountableFields;

    public EvidenceSanitizer(Pseudonymizer pseudonymizer, IEnumerable<string>? identifierFields = null, IEnumerable<string>? accountableFields = null)
    {
        ArgumentNullException.ThrowIfNull(pseudonymizer);
        this.pseudonymizer = pseudonymizer;
        this.identifierFields = new HashSet<string>(identifierFields ?? DefaultIdentifierFields, StringComparer.OrdinalIgnoreCase);
        this.accountableFields = new HashSet<string>(accountableFields ?? DefaultAccountableFields, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The entry with its summary, actor and payload sanitized.</summary>
    public EvidenceEntry Sanitize(EvidenceEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry with
        {
            Actor = ScrubSecrets(entry.Actor),
            Summary = SanitizeText(entry.Summary),
            Payload = entry.Payload is null ? null : (JsonObject)SanitizeNode(entry.Payload.DeepClone(), accountable: false)!,
        };
    }

    /// <summary>Redacts secret-looking values and pseudonymizes e-mail addresses in free text.</summary>
    public string SanitizeText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return EmailPattern().Replace(ScrubSecrets(text), m => pseudonymizer.Pseudonymize(m.Value));
    }

    /// <summary>True when a member name looks like it holds a secret.</summary>
    public static bool IsSecretName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var normalized = Normalize(name);
        return SecretExactNames.Contains(normalized) || SecretNameParts.Any(part => normalized.Contains(part, StringComparison.Ordinal));
    }

    private static string Normalize(string name) =>
        new string(name.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();

    private static string ScrubSecrets(string text) =>
        SecretValuePattern().Replace(text, m => m.Groups["prefix"].Value + Redacted);

    private JsonNode? SanitizeNode(JsonNode? node, bool accountable)
    {
        switch (node)
        {
            case JsonObject obj when obj.Count == 1 && obj[PiiMarker] is JsonValue marked:
                // A numeric identifier (a customer number) is as personal as a textual one.
                return JsonValue.Create(pseudonymizer.Pseudonymize(marked.TryGetValue<string>(out var raw) ? raw : marked.ToJsonString()));
            case JsonObject obj:
                foreach (var name in obj.Select(m => m.Key).ToList())
                {
                    obj[name] = SanitizeMember(name, obj[name]);
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var item = array[i]?.DeepClone();
                    array[i] = SanitizeNode(item, accountable);
                }

                return array;
            case JsonValue value when value.TryGetValue<string>(out var text):
                return JsonValue.Create(accountable ? ScrubSecrets(text) : SanitizeText(text));
            default:
                return node;
        }
    }

    private JsonNode? SanitizeMember(string name, JsonNode? value)
    {
        var detached = value?.DeepClone();
        if (detached is not null && IsSecretName(name))
        {
            var exact = SecretExactNames.Contains(Normalize(name));
            var harmlessScalar = detached is JsonValue v && v.GetValueKind() is System.Text.Json.JsonValueKind.Number
                or System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False;
            if (exact || !harmlessScalar)
            {
                return JsonValue.Create(Redacted);
            }
        }

        if (detached is JsonValue s && s.TryGetValue<string>(out var text) && identifierFields.Contains(name) && !string.IsNullOrWhiteSpace(text))
        {
            return JsonValue.Create(pseudonymizer.Pseudonymize(text));
        }

        return SanitizeNode(detached, accountableFields.Contains(name));
    }

    // Pragmatic, not RFC 5322 complete: the goal is that ordinary addresses never reach storage.
    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    // Salesforce session IDs (org ID prefix 00D, '!', opaque rest), bearer credentials, and JWTs.
    [GeneratedRegex(@"(?<prefix>)\b00D[A-Za-z0-9]{2,16}![^\s""',;]+|(?<prefix>\b(?:Bearer|Basic)\s+)[A-Za-z0-9\-._~+/]+=*|(?<prefix>)\beyJ[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]*", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SecretValuePattern();
}
