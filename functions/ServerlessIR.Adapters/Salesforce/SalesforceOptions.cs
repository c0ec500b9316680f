namespace ServerlessIR.Adapters.Salesforce;

/// <summary>Settings of the Salesforce adapter (section <c>ServerlessIR:Salesforce</c>).</summary>
public sealed class SalesforceOptions
{
    public const string SectionName = "ServerlessIR:Salesforce";

    /// <summary>Sends every org's calls here instead of its instance URL: the local stand-in in drills and tests.</summary>
    public Uri? InstanceUrlOverride { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
