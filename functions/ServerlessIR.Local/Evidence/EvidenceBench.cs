using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using ServerlessIR.Adapters.Evidence;
using ServerlessIR.Core.Evidence;

namespace ServerlessIR.Local.Evidence;

/// <summary>
/// <c>ir bench evidence</c>: builds a long chain in table storage and times verification of it.
/// A measurement to print, not a test: it asserts nothing about speed.
/// </summary>
public static class EvidenceBench
{
    /// <summary>Writes <paramref name="records"/> chained records for a fresh incident, then times read + verify.</summary>
    /// <returns>0 when the chain verified.</returns>
    public static async Task<int> RunAsync(EvidenceCommandContext ctx, TextWriter stdout, int records = 10_000, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentOutOfRangeException.ThrowIfLessThan(records, 1);
        var incidentId = "bench-" + Guid.NewGuid().ToString("N")[..12];
        var clock = ctx.Time ?? TimeProvider.System;
        var reader = new TableEvidenceReader(ctx.Tables, ctx.Options);
        await reader.Table.CreateIfNotExistsAsync(cancellationToken);

        // The chain is sealed in memory with the ledger's own hashing and written in 100-row batches:
        // the point is to time verification of a long chain, not 10,000 single appends.
        var write = Stopwatch.StartNew();
        var previous = EvidenceHasher.GenesisHash;
        var start = new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
        var batch = new List<TableTransactionAction>(100);
        for (long sequence = 1; sequence <= records; sequence++)
        {
            var record = EvidenceHasher.Seal(new EvidenceRecord(
                incidentId, sequence, "bench.step", "system", $"bench step {sequence}", start.AddSeconds(sequence), clock.GetUtcNow(),
                new JsonObject { ["step"] = sequence, ["action"] = "salesforce.freeze-user", ["subject"] = "psn:abcdefghijklmnopqrst", ["ok"] = true },
                previous, string.Empty));
            previous = record.Hash;
            batch.Add(new TableTransactionAction(TableTransactionActionType.Add, TableEvidenceReader.ToEntity(record)));
            if (batch.Count == 100 || sequence == records)
            {
                await reader.Table.SubmitTransactionAsync(batch, cancellationToken);
                batch.Clear();
            }
        }

        write.Stop();

        var verify = Stopwatch.StartNew();
        var read = await reader.ReadAsync(incidentId, cancellationToken);
        var readTime = verify.Elapsed;
        var result = EvidenceVerifier.Verify(incidentId, read);
        verify.Stop();

        var hashTime = verify.Elapsed - readTime;
        var c = CultureInfo.InvariantCulture;
        await stdout.WriteLineAsync(string.Create(c, $"evidence bench: {records} records written in {write.Elapsed.TotalSeconds:F2} s (batched)"));
        await stdout.WriteLineAsync(string.Create(c, $"verify: {verify.Elapsed.TotalSeconds:F3} s total = read {readTime.TotalSeconds:F3} s + recompute {hashTime.TotalSeconds:F3} s; {records / verify.Elapsed.TotalSeconds:F0} records/s"));
        await stdout.WriteLineAsync(result.Verified
            ? $"verified {result.Records} records, head {result.HeadHash}"
            : $"NOT verified: first bad sequence {result.FirstBadSequence}: {result.Problem}");
        return result.Verified ? 0 : 1;
    }
}
