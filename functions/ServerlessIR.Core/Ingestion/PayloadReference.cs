using System.Globalization;

namespace ServerlessIR.Core.Ingestion;

/// <summary>
/// Where one event's raw payload is kept: a blob, and for a delivery's shared blob the event's slice of it (byte offset and
/// length) with the slice's SHA-256, so a reader can check it got the right bytes.
/// </summary>
/// <remarks>
/// Written as <c>blob:{container}/{name}</c> for a blob of its own (the form used before payloads were shared per delivery;
/// such references still resolve) and <c>blob:{container}/{name}#{offset}+{length};sha256={hex}</c> for a slice.
/// </remarks>
public sealed record PayloadReference(string Container, string Blob, long? Offset = null, long? Length = null, string? Sha256Hex = null)
{
    private const string Scheme = "blob:";
    private const string HashMarker = ";sha256=";

    /// <summary>Whether the reference names a slice of a shared blob rather than a whole blob.</summary>
    public bool IsSlice => Offset is not null && Length is not null;

    /// <summary>Reads a reference; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static PayloadReference Parse(string reference)
    {
        ArgumentException.ThrowIfNullOrEmpty(reference);
        if (!reference.StartsWith(Scheme, StringComparison.Ordinal))
        {
            throw new FormatException($"A payload reference starts with '{Scheme}'.");
        }
        var body = reference[Scheme.Length..];
        var slash = body.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == body.Length - 1)
        {
            throw new FormatException("A payload reference names a container and a blob: blob:{container}/{name}.");
        }
        var container = body[..slash];
        var rest = body[(slash + 1)..];
        var hash = rest.IndexOf('#', StringComparison.Ordinal);
        if (hash < 0)
        {
            return new PayloadReference(container, rest);
        }
        var name = rest[..hash];
        var slice = rest[(hash + 1)..];
        string? sha = null;
        var marker = slice.IndexOf(HashMarker, StringComparison.Ordinal);
        if (marker >= 0)
        {
            sha = slice[(marker + HashMarker.Length)..];
            slice = slice[..marker];
        }
        var plus = slice.IndexOf('+', StringComparison.Ordinal);
        if (name.Length == 0 || plus <= 0
            || !long.TryParse(slice.AsSpan(0, plus), NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            || !long.TryParse(slice.AsSpan(plus + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            throw new FormatException("A payload slice is written #{offset}+{length} after the blob name, in bytes.");
        }
        return new PayloadReference(container, name, offset, length, sha);
    }

    public override string ToString() => IsSlice
        ? string.Create(CultureInfo.InvariantCulture, $"{Scheme}{Container}/{Blob}#{Offset}+{Length}") + (Sha256Hex is null ? "" : HashMarker + Sha256Hex)
        : $"{Scheme}{Container}/{Blob}";
}
