using System.Globalization;
using System.Text.Json;

namespace ServerlessIR.Core.Salesforce;

/// <summary>Salesforce's date-time wire formats: REST answers <c>2026-11-29T10:00:00.000+0000</c> (no colon in the offset),
/// SOQL takes <c>2026-11-29T10:00:00.000Z</c> unquoted.</summary>
public static class SalesforceDates
{
    public const string WireFormat = "yyyy-MM-dd'T'HH:mm:ss.fff+0000";

    public static DateTimeOffset? TryParse(string? text) =>
        text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    /// <summary>The date-time in property <paramref name="name"/>, or null when absent or unreadable.</summary>
    public static DateTimeOffset? Read(JsonElement record, string name) =>
        record.ValueKind == JsonValueKind.Object && record.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? TryParse(v.GetString()) : null;

    /// <summary>As REST answers it.</summary>
    public static string ToWire(DateTimeOffset value) => value.UtcDateTime.ToString(WireFormat, CultureInfo.InvariantCulture);

    /// <summary>As a SOQL date-time literal.</summary>
    public static string ToSoql(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
