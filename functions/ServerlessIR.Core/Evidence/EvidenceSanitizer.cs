using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ServerlessIR.Core.Privacy;

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
/// <item>In every string (payload and summary), what <see cref="FreeTextScrubber"/> finds is handled by kind: e-mail
/// addresses and phone numbers become pseudonyms (they identify a person, and an investigator may need to see that two
/// records name the same one); card numbers and IBANs become <c>[card]</c> and <c>[iban]</c> (no response needs to
/// correlate on an account number, and even a keyed hash of a card number keeps evidence in PCI DSS scope). Salesforce
/// session IDs, bearer tokens and JWTs become <c>[redacted]</c>. Members named for an accountable person (<c>by</c>,
/// <c>approver</c>...) keep e-mail addresses and phone numbers: who approved is the evidence.</item>
/// </list>
/// Sanitizing is idempotent, so a retried append sanitizes to the same content it stored first: a value that already has
/// a pseudonym's shape is not hashed again here (the sanitizer decides nothing by it; correlation never reads evidence).
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

    /// <summary>Redacts secret-looking values, pseudonymizes e-mail addresses and phone numbers and masks card numbers and IBANs in free text.</summary>
    public string SanitizeText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return FreeTextScrubber.Scrub(ScrubSecrets(text), (kind, value) => kind switch
        {
            PersonalDataKind.Email => pseudonymizer.Pseudonymize(value),
            PersonalDataKind.Phone => pseudonymizer.Pseudonymize(PhoneDigits(value)),
            _ => FreeTextScrubber.MarkerOf(kind),
        });
    }

    // One person, one pseudonym, however the number was spaced: "+49 30 1234" and "+49-30-1234" are the same line.
    private static string PhoneDigits(string phone) =>
        new(phone.Where(c => char.IsAsciiDigit(c) || c == '+').ToArray());

    // An accountable person's address stays; an account number in the same text does not.
    private static string SanitizeAccountableText(string text) =>
        FreeTextScrubber.Scrub(ScrubSecrets(text), (kind, value) => kind is PersonalDataKind.Card or PersonalDataKind.Iban ? FreeTextScrubber.MarkerOf(kind) : value);

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
                return JsonValue.Create(accountable ? SanitizeAccountableText(text) : SanitizeText(text));
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

        if (detached is JsonValue s && s.TryGetValue<string>(out var text) && identifierFields.Contains(name) && !string.IsNullOrWhiteSpace(text) &&
            !Pseudonymizer.IsPseudonym(text))
        {
            return JsonValue.Create(pseudonymizer.Pseudonymize(text));
        }

        return SanitizeNode(detached, accountableFields.Contains(name));
    }

    // Salesforce session IDs (org ID prefix 00D, '!', opaque rest), bearer credentials, and JWTs.
    [GeneratedRegex(@"(?<prefix>)\b00D[A-Za-z0-9]{2,16}![^\s""',;]+|(?<prefix>\b(?:Bearer|Basic)\s+)[A-Za-z0-9\-._~+/]+=*|(?<prefix>)\beyJ[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]*", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SecretValuePattern();
}
