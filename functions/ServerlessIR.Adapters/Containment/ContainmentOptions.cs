namespace ServerlessIR.Adapters.Containment;

/// <summary>Settings of the containment adapters (section <c>ServerlessIR:Containment</c>).</summary>
public sealed class ContainmentOptions
{
    public const string SectionName = "ServerlessIR:Containment";

    /// <summary>The evidence container (the one Bicep makes immutable): preserved logs and write-once prior states.</summary>
    public string EvidenceContainer { get; set; } = "evidence";

    /// <summary>Sends every hook call (fallback switch, probe, rotation issuer) here instead of the playbook's host: the local stand-ins.</summary>
    public Uri? EndpointOverride { get; set; }

    /// <summary>
    /// The operators' kill switch: on, every containment step waits for approval. Read through <c>IOptionsMonitor</c> each
    /// time a step is about to run, so a change reaches the next step without a restart where the configuration reloads.
    /// </summary>
    public bool KillSwitch { get; set; }

    /// <summary>Rewrites <paramref name="url"/> onto <see cref="EndpointOverride"/>, keeping path and query.</summary>
    public Uri Resolve(string url)
    {
        var uri = new Uri(url, UriKind.Absolute);
        return EndpointOverride is null ? uri : new Uri(EndpointOverride, uri.PathAndQuery);
    }
}
