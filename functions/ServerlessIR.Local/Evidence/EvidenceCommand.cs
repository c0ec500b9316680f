using ServerlessIR.Adapters.Evidence;
using ServerlessIR.Core.Evidence;

namespace ServerlessIR.Local.Evidence;

/// <summary>
/// <c>ir evidence verify|export|register</c>: read-only tools over the evidence tables, for operators and auditors.
/// </summary>
/// <remarks>Exit codes: 0 success or verified, 1 verification failed, 2 usage error or unreadable input.</remarks>
public static class EvidenceCommand
{
    public const string Usage = """
        usage: ir evidence verify --incident ID      recompute the chain in storage and compare it with its anchors
               ir evidence verify --export DIR       check an export folder offline (no Azure)
               ir evidence export --incident ID --out DIR
                                                     write records.jsonl, manifest.json, report.md, report.html
               ir evidence register --out FILE.csv   breach register (GDPR Art. 33(5)): one row per incident
        """;

    /// <summary>Runs one subcommand; <paramref name="args"/> is what follows <c>ir evidence</c>, e.g. <c>verify --incident inc-1</c>.</summary>
    public static async Task<int> RunAsync(string[] args, EvidenceCommandContext ctx, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            await (args.Length == 0 ? stderr : stdout).WriteLineAsync(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        var options = ParseOptions(args.AsSpan(1), out var error);
        if (error is not null)
        {
            await stderr.WriteLineAsync(error);
            await stderr.WriteLineAsync(Usage);
            return 2;
        }

        try
        {
            return args[0] switch
            {
                "verify" when options.TryGetValue("--export", out var dir) => Report(await EvidenceExport.VerifyAsync(dir), stdout),
                "verify" when options.TryGetValue("--incident", out var id) => Report(await VerifyStoredAsync(ctx, id), stdout),
                "export" when options.TryGetValue("--incident", out var id) && options.TryGetValue("--out", out var dir) => await ExportAsync(ctx, id, dir, stdout),
                "register" when options.TryGetValue("--out", out var file) => await RegisterAsync(ctx, file, stdout),
                _ => await UsageErrorAsync(stderr, $"ir evidence: missing or unknown arguments: {string.Join(' ', args)}"),
            };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or System.Text.Json.JsonException or Azure.RequestFailedException or ArgumentException)
        {
            await stderr.WriteLineAsync($"ir evidence: {ex.Message}");
            return 2;
        }
    }

    /// <summary>Reads an incident's records and every anchor from both stores and verifies them.</summary>
    public static async Task<EvidenceVerification> VerifyStoredAsync(EvidenceCommandContext ctx, string incidentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var records = await new TableEvidenceReader(ctx.Tables, ctx.Options).ReadAsync(incidentId, cancellationToken);
        return EvidenceVerifier.Verify(incidentId, records, await ReadAnchorsAsync(ctx, incidentId, cancellationToken));
    }

    // Both stores are read: an attacker able to edit the anchor table still cannot edit the immutable blobs.
    private static async Task<IReadOnlyList<EvidenceAnchor>> ReadAnchorsAsync(EvidenceCommandContext ctx, string incidentId, CancellationToken cancellationToken)
    {
        var fromTable = await new TableEvidenceAnchorStore(ctx.Tables, ctx.Options).ReadAsync(incidentId, cancellationToken);
        var fromBlobs = await new BlobEvidenceAnchorStore(ctx.Blobs, ctx.Options).ReadAsync(incidentId, cancellationToken);
        return fromTable.Concat(fromBlobs).DistinctBy(a => (a.RecordCount, a.HeadHash)).OrderBy(a => a.RecordCount).ToList();
    }

    private static int Report(EvidenceVerification result, TextWriter stdout)
    {
        if (result.Verified)
        {
            stdout.WriteLine($"verified {result.Records} records, head {result.HeadHash}");
            return 0;
        }

        stdout.WriteLine($"NOT verified: first bad sequence {result.FirstBadSequence}: {result.Problem}");
        return 1;
    }

    private static async Task<int> ExportAsync(EvidenceCommandContext ctx, string incidentId, string directory, TextWriter stdout)
    {
        var records = await new TableEvidenceReader(ctx.Tables, ctx.Options).ReadAsync(incidentId);
        if (records.Count == 0)
        {
            throw new ArgumentException($"No evidence records for incident '{incidentId}'.");
        }

        var anchors = await ReadAnchorsAsync(ctx, incidentId, CancellationToken.None);
        var manifest = await EvidenceExport.WriteAsync(directory, incidentId, records, anchors, (ctx.Time ?? TimeProvider.System).GetUtcNow());
        await stdout.WriteLineAsync($"exported {manifest.RecordCount} records of {incidentId} to {Path.GetFullPath(directory)}, head {manifest.HeadHash}"
            + (manifest.Verified ? string.Empty : $" (NOT verified: {manifest.Problem})"));
        return manifest.Verified ? 0 : 1;
    }

    private static async Task<int> RegisterAsync(EvidenceCommandContext ctx, string file, TextWriter stdout)
    {
        var reader = new TableEvidenceReader(ctx.Tables, ctx.Options);
        var rows = new List<BreachRegisterRow>();
        foreach (var incidentId in await reader.ListIncidentsAsync())
        {
            rows.Add(BreachRegister.Build(incidentId, await reader.ReadAsync(incidentId)));
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        await File.WriteAllTextAsync(file, BreachRegister.ToCsv(rows.OrderBy(r => r.Opened)));
        await stdout.WriteLineAsync($"wrote {rows.Count} incident(s) to {Path.GetFullPath(file)}");
        return 0;
    }

    private static async Task<int> UsageErrorAsync(TextWriter stderr, string message)
    {
        await stderr.WriteLineAsync(message);
        await stderr.WriteLineAsync(Usage);
        return 2;
    }

    private static Dictionary<string, string> ParseOptions(ReadOnlySpan<string> args, out string? error)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                error = $"ir evidence: expected --option value, got '{args[i]}'";
                return options;
            }

            options[args[i]] = args[++i];
        }

        return options;
    }
}
