using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.RegularExpressions;

namespace ServerlessIR.Core.Privacy;

/// <summary>
/// Finds e-mail addresses, phone numbers, payment-card numbers and IBANs in free text (alert summaries, hold and
/// false-positive reasons, notes) and replaces each with a typed marker (<c>[email]</c>, <c>[phone]</c>, <c>[card]</c>,
/// <c>[iban]</c>) or with what a caller makes of it (the evidence sanitizer pseudonymises some kinds).
/// </summary>
/// <remarks>
/// <para>
/// It runs on every signal, so it has to be fast and must not be steerable into long matching: every pattern has bounded
/// repetition (no nested unbounded quantifiers), is source-generated, and carries a match timeout. A text that times out
/// anyway is replaced whole by <see cref="Unscannable"/>: failing closed loses a summary, failing open would store what we
/// could not inspect.
/// </para>
/// <para>
/// Each candidate is checked before it is replaced, so ordinary operational text survives: card numbers must be 13 to 19
/// digits (unbroken or grouped as printed), start with a major network's digit (2 to 6) and pass the Luhn check; IBANs must pass ISO 13616's mod-97 check;
/// phone numbers must look like a dialled number (a leading <c>+</c> or <c>00</c> with 8 to 15 digits, a national trunk
/// <c>0</c> with 9 to 12 digits, or the North American 3-3-4 grouping), and dates, times, ISO timestamps, IPv4 addresses,
/// version numbers and numbers glued to words or identifiers (<c>inc-20261130-...</c>, <c>005...</c>) are not phones.
/// </para>
/// </remarks>
public static partial class FreeTextScrubber
{
    public const string EmailMarker = "[email]";
    public const string PhoneMarker = "[phone]";
    public const string CardMarker = "[card]";
    public const string IbanMarker = "[iban]";

    /// <summary>What a text becomes when it cannot be scanned within the time limit.</summary>
    public const string Unscannable = "[text withheld: it could not be checked for personal data]";

    private const int TimeoutMilliseconds = 250;

    /// <summary>The text with every finding replaced by its kind's marker; null stays null.</summary>
    [return: NotNullIfNotNull(nameof(text))]
    public static string? Scrub(string? text) => text is null ? null : Scrub(text, (kind, _) => MarkerOf(kind));

    /// <summary>
    /// The text with every finding replaced by <paramref name="replace"/>(kind, the value found). Card numbers and IBANs
    /// are looked for first, so a card number is never taken for a phone number.
    /// </summary>
    public static string Scrub(string text, Func<PersonalDataKind, string, string> replace)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(replace);
        if (!MayHoldPersonalData(text))
        {
            return text;
        }
        try
        {
            var result = EmailPattern().Replace(text, m => replace(PersonalDataKind.Email, m.Value));
            result = IbanPattern().Replace(result, m => ReplaceIban(m.Value, replace));
            result = CardPattern().Replace(result, m => IsCardNumber(m.Value) ? replace(PersonalDataKind.Card, m.Value) : m.Value);
            return PhonePattern().Replace(result, m => IsPhoneNumber(m.Value) ? replace(PersonalDataKind.Phone, m.Value) : m.Value);
        }
        catch (RegexMatchTimeoutException)
        {
            return Unscannable;
        }
    }

    /// <summary>True when <paramref name="text"/> holds something the scrubber would replace.</summary>
    public static bool Contains(string? text) => text is not null && !string.Equals(Scrub(text), text, StringComparison.Ordinal);

    /// <summary>The marker of <paramref name="kind"/>.</summary>
    public static string MarkerOf(PersonalDataKind kind) => kind switch
    {
        PersonalDataKind.Email => EmailMarker,
        PersonalDataKind.Phone => PhoneMarker,
        PersonalDataKind.Card => CardMarker,
        PersonalDataKind.Iban => IbanMarker,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The Luhn (mod 10) check over the digits of <paramref name="value"/>.</summary>
    public static bool PassesLuhn(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int sum = 0, count = 0;
        for (var i = value.Length - 1; i >= 0; i--)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                continue;
            }
            var digit = value[i] - '0';
            if (count++ % 2 == 1)
            {
                digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            }
            sum += digit;
        }
        return count > 0 && sum % 10 == 0;
    }

    /// <summary>ISO 13616 / ISO 7064 mod-97 check of an IBAN written without spaces.</summary>
    public static bool PassesIbanCheck(string compact)
    {
        ArgumentNullException.ThrowIfNull(compact);
        if (compact.Length is < 15 or > 34 || !char.IsAsciiLetterUpper(compact[0]) || !char.IsAsciiLetterUpper(compact[1]) ||
            !char.IsAsciiDigit(compact[2]) || !char.IsAsciiDigit(compact[3]))
        {
            return false;
        }
        var remainder = 0;
        foreach (var c in compact[4..] + compact[..4])
        {
            if (char.IsAsciiDigit(c))
            {
                remainder = (remainder * 10 + (c - '0')) % 97;
            }
            else if (char.IsAsciiLetterUpper(c))
            {
                remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
            }
            else
            {
                return false;
            }
        }
        return remainder == 1;
    }

    // Every finding needs an '@' or a run of digits: most summaries are skipped without running a pattern.
    private static bool MayHoldPersonalData(string text)
    {
        var digits = 0;
        foreach (var c in text)
        {
            if (c == '@')
            {
                return true;
            }
            digits = char.IsAsciiDigit(c) ? digits + 1 : digits;
            if (digits >= 7)
            {
                return true;
            }
        }
        return false;
    }

    // A grouped IBAN may run into a following word of four capitals; drop trailing groups until the check passes.
    private static string ReplaceIban(string value, Func<PersonalDataKind, string, string> replace)
    {
        var candidate = value;
        while (true)
        {
            if (PassesIbanCheck(candidate.Replace(" ", "", StringComparison.Ordinal)))
            {
                return replace(PersonalDataKind.Iban, candidate) + value[candidate.Length..];
            }
            var lastSpace = candidate.LastIndexOf(' ');
            if (lastSpace < 15)
            {
                return value;
            }
            candidate = candidate[..lastSpace];
        }
    }

    private static bool IsCardNumber(string value)
    {
        var digits = CountDigits(value);
        return digits is >= 13 and <= 19 && value[0] is >= '2' and <= '6' && PassesLuhn(value);
    }

    private static bool IsPhoneNumber(string value)
    {
        var digits = CountDigits(value);
        if (IsDateLike(value) || IsDottedQuad(value))
        {
            return false;
        }
        var compact = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c) || c == '+')
            {
                compact.Append(c);
            }
        }
        var number = compact.ToString();
        if (number.StartsWith('+'))
        {
            return digits is >= 8 and <= 15 && number.LastIndexOf('+') == 0;
        }
        if (number.Contains('+', StringComparison.Ordinal))
        {
            return false;
        }
        if (number.StartsWith("00", StringComparison.Ordinal))
        {
            return digits is >= 10 and <= 17;
        }
        if (number.StartsWith('0'))
        {
            return digits is >= 9 and <= 12;
        }
        return NorthAmericanPattern().IsMatch(value);
    }

    private static int CountDigits(string value)
    {
        var count = 0;
        foreach (var c in value)
        {
            count += char.IsAsciiDigit(c) ? 1 : 0;
        }
        return count;
    }

    private static bool IsDateLike(string value) => DatePattern().IsMatch(value);

    private static bool IsDottedQuad(string value)
    {
        var parts = value.Split('.');
        return parts.Length == 4 && parts.All(p => p.Length is >= 1 and <= 3 && p.All(char.IsAsciiDigit));
    }

    // Pragmatic, not RFC 5322: bounded local part and labels keep matching linear.
    [GeneratedRegex(@"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9\-])",
        RegexOptions.CultureInvariant, TimeoutMilliseconds)]
    private static partial Regex EmailPattern();

    // Country code, check digits, then the BBAN either unbroken or in groups of four with a shorter last group.
    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}(?:[A-Z0-9]{11,30}|(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,4})?)(?![A-Za-z0-9])",
        RegexOptions.CultureInvariant, TimeoutMilliseconds)]
    private static partial Regex IbanPattern();

    // 13 to 19 digits unbroken, or grouped as cards are printed (4-4-4-4[-1..3], Amex 4-6-5) with one separator throughout;
    // not glued to a word, an identifier or a longer number.
    [GeneratedRegex(@"(?<![\w\-.+])(?:\d{13,19}|\d{4}([ \-])\d{4}\1\d{4}\1\d{4}(?:\1\d{1,3})?|\d{4}([ \-])\d{6}\2\d{5})(?![\w]|[\-.]\d)",
        RegexOptions.CultureInvariant, TimeoutMilliseconds)]
    private static partial Regex CardPattern();

    // A dialled number: optional '+' or '(', digits with single separators (space, dash, dot, parentheses). Not glued to a
    // word, an identifier (inc-2026...), a time (10:30) or a longer dotted number; validated by IsPhoneNumber.
    [GeneratedRegex(@"(?:(?<![\w+])\+|(?<![\w\-.:/+])\(\+?|(?<![\w\-.:/+(]))\d(?:[ \-.]?\(?\d\)?){6,20}(?![\w:/]|[\-.]\d)", RegexOptions.CultureInvariant, TimeoutMilliseconds)]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^\(?\d{3}\)?[ \-.]?\d{3}[ \-.]\d{4}$", RegexOptions.CultureInvariant, TimeoutMilliseconds)]
    private static partial Regex NorthAmericanPattern();

    // 2026-11-30, 2026.11.30, 30.11.2026, 30-11-2026, 11.30.26: a candidate that is exactly a date is not a phone number.
    [GeneratedRegex(@"^(?:\d{4}[\-.]\d{1,2}[\-.]\d{1,2}|\d{1,2}[\-.]\d{1,2}[\-.]\d{2,4})$", RegexOptions.CultureInvariant, TimeoutMilliseconds)]
    private static partial Regex DatePattern();
}
