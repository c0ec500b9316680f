using System.ComponentModel.DataAnnotations;

namespace ServerlessIR.Adapters.Evidence;

/// <summary>Where evidence lives (configuration section <c>Evidence</c>).</summary>
public sealed class EvidenceStorageOptions
{
    public const string SectionName = "Evidence";

    /// <summary>Table of records: PartitionKey = incident ID, RowKey = 10-digit sequence.</summary>
    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    public string TableName { get; set; } = "Evidence";

    /// <summary>Table of anchors: PartitionKey = incident ID, RowKey = 10-digit record count.</summary>
    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    public string AnchorTableName { get; set; } = "EvidenceAnchors";

    /// <summary>
    /// Blob container for write-once anchors (under <c>anchors/</c>); in Azure it is the <c>evidence</c> container that
    /// infra/app/storage.bicep gives a time-based immutability policy.
    /// </summary>
    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    public string AnchorContainerName { get; set; } = "evidence";

    /// <summary>Base64 HMAC key for pseudonyms (at least 32 bytes); from Key Vault in Azure, local settings for drills.</summary>
    public string? PseudonymKey { get; set; }
}
