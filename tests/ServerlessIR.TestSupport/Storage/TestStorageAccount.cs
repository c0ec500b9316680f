using System.Globalization;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using ServerlessIR.StandIns.Storage;

namespace ServerlessIR.TestSupport.Storage;

/// <summary>The run's Azurite account, and fresh names that keep one test's tables, containers and task hub apart.</summary>
public sealed class TestStorageAccount(int blobPort)
{
    public int BlobPort { get; } = blobPort;

    public string ConnectionString => AzuriteLauncher.ConnectionStringFor(BlobPort);

    public TableServiceClient Tables => new(ConnectionString);

    // Azure.Storage.Blobs 12.30.1 defaults to service version 2026-10-06; Azurite 3.37.0 accepts up to
    // 2026-06-06 and answers 400 InvalidHeaderValue to anything newer, so pin the newest it knows.
    public BlobServiceClient Blobs => new(ConnectionString, new BlobClientOptions(BlobClientOptions.ServiceVersion.V2026_06_06));

    /// <summary>A storage prefix (<c>ServerlessIR:Storage:Prefix</c>) no other test uses: a letter, then lower-case hex.</summary>
    public static string NewPrefix(string hint = "t") => Unique(hint);

    /// <summary>A durable task hub name no other test uses (letters and digits, starting with a letter, under 45).</summary>
    public static string NewTaskHub(string hint = "hub") => Unique(hint);

    private static string Unique(string hint)
    {
        var letters = new string(hint.Where(char.IsAsciiLetterOrDigit).ToArray()).ToLower(CultureInfo.InvariantCulture);
        if (letters.Length == 0 || !char.IsAsciiLetter(letters[0]))
        {
            letters = "t" + letters;
        }
        return letters[..Math.Min(letters.Length, 20)] + Guid.NewGuid().ToString("N")[..10];
    }
}
