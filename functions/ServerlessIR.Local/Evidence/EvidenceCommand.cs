using System.CommandLine;
using ServerlessIR.Adapters.Evidence;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Local.Commands;

namespace ServerlessIR.Local.Evidence;

/// <summary>
/// <c>ir evidence verify|export|register</c>: read-only tools over the evidence tables, for operators and auditors.
/// </summary>
/// <remarks>Exit codes: 0 success or verified, 1 verification failed, 2 usage error or unreadable input.</remarks>
public static class EvidenceCommand
{
    /// <summary>Runs <paramref name="work"/> against evidence storage; the local host starts Azurite for it first.</summary>
    public delegate Task<int> StorageRunner(Func<EvidenceCommandContext, Task<int>> work, CancellationToken cancellationToken);

    /// <summary><c>evidence</c> and its subcommands, reading storage through <paramref name="withStorage"/> (offline verification needs none).</summary>
    public static Command Create(StorageRunner withStorage)
    {
        ArgumentNullException.ThrowIfNull(withStorage);
        var evidence = new Command("evidence", "Read-only tools over the evidence tables: verify the hash chain, export an incident, the breach register");

        Option<string> verifyIncident = new("--incident") { Description = "Incident whose chain in storage to recompute and compare with its anchors", HelpName = "ID" };
        Option<string> verifyExport = new("--export") { Description = "Export folder to check offline (no Azure)", HelpName = "DIR" };
        var verify = new Command("verify", "Verify an incident's hash chain in storage, or an export folder offline") { verifyIncident, verifyExport };
        verify.Validators.Add(r =>
        {
            if ((r.GetResult(verifyIncident) is null) == (r.GetResult(verifyExport) is null))
            {
                r.AddError("ir evidence verify takes --incident ID or --export DIR (one of them).");
            }
        });
        verify.SetAction((result, cancellationToken) => GuardAsync(result, () => result.GetValue(verifyExport) is { } dir
            ? VerifyExportAsync(dir, result.InvocationConfiguration.Output)
            : withStorage(async ctx => Report(await VerifyStoredAsync(ctx, result.GetRequiredValue(verifyIncident), cancellationToken), result.InvocationConfiguration.Output), cancellationToken)));
        evidence.Subcommands.Add(verify);

        Option<string> exportIncident = new("--incident") { Description = "Incident to export", HelpName = "ID", Required = true };
        Option<string> exportOut = new("--out") { Description = "Folder to write", HelpName = "DIR", Required = true };
        var export = new Command("export", "Write records.jsonl, manifest.json, report.md and report.html of one incident") { exportIncident, exportOut };
        export.SetAction((result, cancellationToken) => GuardAsync(result, () => withStorage(
            ctx => ExportAsync(ctx, result.GetRequiredValue(exportIncident), result.GetRequiredValue(exportOut), result.InvocationConfiguration.Output), cancellationToken)));
        evidence.Subcommands.Add(export);

        Option<string> registerOut = new("--out") { Description = "CSV file to write", HelpName = "FILE.csv", Required = true };
        Option<bool> registerExercises = new("--exercises") { Description = "The exercise register instead: exercise incidents only (never in the breach register)" };
        var register = new Command("register", "Breach register (GDPR Art. 33(5)): one row per incident") { registerOut, registerExercises };
        register.SetAction((result, cancellationToken) => GuardAsync(result, () => withStorage(
            ctx => RegisterAsync(ctx, result.GetRequiredValue(registerOut), result.GetValue(registerExercises), result.InvocationConfiguration.Output), cancellationToken)));
        evidence.Subcommands.Add(register);
        return evidence;
    }

    /// <summary>Runs one subcommand; <paramref name="args"/> is what follows <c>ir evidence</c>, e.g. <c>verify --incident inc-1</c>.</summary>
    public static Task<int> RunAsync(string[] args, EvidenceCommandContext ctx, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var root = Cli.Root(Create((work, _) => work(ctx)));
        return Cli.InvokeAsync(root, ["evidence", .. args], stdout, stderr, CancellationToken.None);
    }

    private static async Task<int> GuardAsync(ParseResult result, Func<Task<int>> run)
    {
        try
        {
            return await run();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or System.Text.Json.JsonException or Azure.RequestFailedException or ArgumentException)
        {
            await result.InvocationConfiguration.Error.WriteLineAsync($"ir evidence: {ex.Message}");
            return 2;
        }
    }

    private static async Task<int> VerifyExportAsync(string directory, TextWriter stdout) => Report(await EvidenceExport.VerifyAsync(directory), stdout);

    /// <summary>Reads an incident's records and every anchor from both stores and verifies them.</summary>
    public static async Task<EvidenceVerification> VerifyStoredAsync(EvidenceCommandContext ctx, string incidentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var records = await new TableEvidenceReader(ctx.Tables, ctx.Options).ReadAsync(incidentId, cancellationToken);
        return await EvidenceVerifier.VerifyAsync(incidentId, records, await ReadAnchorsAsync(ctx, incidentId, cancellationToken), ctx.Signatures, cancellationToken);
    }

    // Both stores are read: an attacker able to edit the anchor table still cannot edit the immutable blobs.
    private static async Task<IReadOnlyList<EvidenceAnchor>> ReadAnchorsAsync(EvidenceCommandContext ctx, string incidentId, CancellationToken cancellationToken)
    {
        var fromTable = await new TableEvidenceAnchorStore(ctx.Tables, ctx.Options).ReadAsync(incidentId, cancellationToken);
        var fromBlobs = await new BlobEvidenceAnchorStore(ctx.Blobs, ctx.Options).ReadAsync(incidentId, cancellationToken);
        // A copy of an anchor that differs from the other store's (a signature dropped or changed in the table) is kept
        // apart, so its signature is checked too.
        return fromTable.Concat(fromBlobs).DistinctBy(a => (a.RecordCount, a.HeadHash, a.Signature)).OrderBy(a => a.RecordCount).ToList();
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

    private static async Task<int> RegisterAsync(EvidenceCommandContext ctx, string file, bool exercises, TextWriter stdout)
    {
        var reader = new TableEvidenceReader(ctx.Tables, ctx.Options);
        var rows = new List<BreachRegisterRow>();
        // Incidents are taken from the anchors too: deleting an incident's rows must not take it off the register.
        var incidents = (await reader.ListIncidentsAsync())
            .Concat(await new TableEvidenceAnchorStore(ctx.Tables, ctx.Options).ListIncidentsAsync())
            .Concat(await new BlobEvidenceAnchorStore(ctx.Blobs, ctx.Options).ListIncidentsAsync())
            .Distinct(StringComparer.Ordinal)
            .Where(id => BreachRegister.Holds(id, exercises));
        foreach (var incidentId in incidents)
        {
            rows.Add(BreachRegister.Build(incidentId, await reader.ReadAsync(incidentId), await ReadAnchorsAsync(ctx, incidentId, CancellationToken.None)));
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        await File.WriteAllTextAsync(file, BreachRegister.ToCsv(rows.OrderBy(r => r.Opened)));
        var missing = rows.Count(r => r.Status == BreachRegister.RecordsMissing);
        await stdout.WriteLineAsync($"wrote {rows.Count} incident(s) to {Path.GetFullPath(file)}"
            + (missing == 0 ? string.Empty : $"; {missing} with records missing: {string.Join(", ", rows.Where(r => r.Status == BreachRegister.RecordsMissing).Select(r => r.Incident))}"));
        return 0;
    }
}
