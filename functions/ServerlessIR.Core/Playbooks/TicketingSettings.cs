namespace ServerlessIR.Core.Playbooks;

/// <summary>
/// The ticketing system each incident keeps a ticket in (docs/lifecycle.md#ticketing). Values are setting and secret names,
/// never the URL's credentials or the secrets themselves. With basic credentials named the adapter signs in with them;
/// otherwise with the OAuth client-credentials grant.
/// </summary>
public sealed record TicketingSettings
{
    /// <summary>The system: <c>servicenow</c> (Security Incident Response, table <c>sn_si_incident</c>).</summary>
    public string System { get; init; } = "servicenow";

    /// <summary>The app setting holding the instance URL (<c>https://INSTANCE.service-now.com</c>).</summary>
    public string InstanceUrlSetting { get; init; } = "SERVICENOW_INSTANCE_URL";

    /// <summary>Key Vault secret holding the OAuth client ID (or the user name, with <see cref="BasicAuth"/>).</summary>
    public string ClientIdSecret { get; init; } = "servicenow-client-id";

    /// <summary>Key Vault secret holding the OAuth client secret (or the password, with <see cref="BasicAuth"/>).</summary>
    public string ClientSecretSecret { get; init; } = "servicenow-client-secret";

    /// <summary>Sign in with basic credentials instead of an OAuth token.</summary>
    public bool BasicAuth { get; init; }

    /// <summary>The assignment group new tickets go to (its name or sys_id), if any.</summary>
    public string? AssignmentGroup { get; init; }
}
