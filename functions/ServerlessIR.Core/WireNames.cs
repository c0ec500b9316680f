using System.Reflection;
using System.Text.Json.Serialization;

namespace ServerlessIR.Core;

/// <summary>
/// The string an enum value has on the wire: its <see cref="JsonStringEnumMemberNameAttribute"/> name where it has one,
/// else the member name. For evidence payloads and texts built by hand, so they say exactly what the serializer says.
/// </summary>
public static class WireNames
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => Names<TEnum>.ToWire[value];

    /// <summary>The value whose wire name is <paramref name="name"/> (ordinal match).</summary>
    /// <exception cref="FormatException">No value of <typeparamref name="TEnum"/> has that wire name.</exception>
    public static TEnum Parse<TEnum>(string name) where TEnum : struct, Enum =>
        Names<TEnum>.FromWire.TryGetValue(name, out var value)
            ? value
            : throw new FormatException($"'{name}' is not one of {string.Join(", ", Names<TEnum>.ToWire.Values)}.");

    private static class Names<TEnum> where TEnum : struct, Enum
    {
        public static readonly Dictionary<TEnum, string> ToWire = Enum.GetValues<TEnum>().ToDictionary(
            v => v,
            v => typeof(TEnum).GetField(v.ToString())!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? v.ToString());

        public static readonly Dictionary<string, TEnum> FromWire = ToWire.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
    }
}
