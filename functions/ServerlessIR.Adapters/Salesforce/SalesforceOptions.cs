namespace ServerlessIR.Adapters.Salesforce;

/// <summary>Settings of the Salesforce adapter (section <c>ServerlessIR:Salesforce</c>).</summary>
public sealed class SalesforceOptions
{
    public const string SectionName = "ServerlessIR:Salesforce";

    /// <summary>Sends every org's calls here instead of its instance URL: the local stand-in in drills and tests.</summary>
    public Uri? InstanceUrlOverride { get; set; }

    /// <summary>
    /// One org's calls sent here instead of its instance URL, ahead of <see cref="InstanceUrlOverride"/>: locally each org
    /// has its own URL on the stand-in, as each has its own My Domain, so the stand-in can tell which org a call was for.
    /// </summary>
    public Dictionary<string, Uri> OrgInstanceUrlOverrides { get; } = new(StringComparer.Ordinal);

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
