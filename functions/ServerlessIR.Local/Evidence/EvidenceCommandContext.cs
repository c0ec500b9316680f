using Azure.Data.Tables;
using Azure.Storage.Blobs;
using ServerlessIR.Adapters.Evidence;

namespace ServerlessIR.Local.Evidence;

/// <summary>What <c>ir evidence ...</c> and <c>ir bench evidence</c> need from the host: storage clients and options.</summary>
/// <param name="Tables">Table service holding the Evidence and EvidenceAnchors tables.</param>
/// <param name="Blobs">Blob service holding the evidence container (anchors under anchors/).</param>
/// <param name="Options">Table and container names (the pseudonym key is not needed to read).</param>
/// <param name="Time">Clock for export timestamps; the system clock when null.</param>
public sealed record EvidenceCommandContext(TableServiceClient Tables, BlobServiceClient Blobs, EvidenceStorageOptions Options, TimeProvider? Time = null)
{
    /// <summary>Checks anchor signatures (the Key Vault key's public half); null: signatures are not checked.</summary>
    public ServerlessIR.Core.Evidence.IAnchorSignatureVerifier? Signatures { get; init; }
}
