using ServerlessIR.Core.Evidence;

namespace ServerlessIR.Local.Evidence;

/// <summary>
/// Writes an evidence export to a folder and re-checks such a folder offline; the files themselves are
/// <see cref="EvidenceExportContent"/>.
/// </summary>
public static class EvidenceExport
{
    /// <summary>Writes the four export files into <paramref name="directory"/> and returns the manifest.</summary>
    public static async Task<EvidenceManifest> WriteAsync(
        string directory,
        string incidentId,
        IReadOnlyList<EvidenceRecord> records,
        IReadOnlyList<EvidenceAnchor> anchors,
        DateTimeOffset generatedAt,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(anchors);
        Directory.CreateDirectory(directory);

        var content = EvidenceExportContent.Build(incidentId, records, anchors, generatedAt);
        foreach (var (name, text) in content.Files)
        {
            await File.WriteAllTextAsync(Path.Combine(directory, name), text, cancellationToken);
        }
        return content.Manifest;
    }

    /// <summary>Re-checks an export folder offline.</summary>
    public static async Task<EvidenceVerification> VerifyAsync(string directory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var manifest = EvidenceExportContent.ParseManifest(
            await File.ReadAllTextAsync(Path.Combine(directory, EvidenceExportContent.ManifestFile), cancellationToken));
        var lines = await File.ReadAllLinesAsync(Path.Combine(directory, EvidenceExportContent.RecordsFile), cancellationToken);
        return EvidenceExportContent.Verify(manifest, lines);
    }
}
