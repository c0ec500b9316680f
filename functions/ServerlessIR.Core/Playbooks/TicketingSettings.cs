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

    /// <summary>The ticket's state values for each incident status; the plugin's own by default.</summary>
    public TicketStateValues States { get; init; } = new();
}

/// <summary>
/// The choice values of the ticket's <c>state</c> field the incident's status maps to. The defaults are the values the
/// Security Incident Response plugin ships with; an instance whose state model was changed names its own here, in the
/// playbook, instead of in code (docs/lifecycle.md#ticketing).
/// </summary>
public sealed record TicketStateValues
{
    /// <summary>Open or failed: the ticket waits for analysis.</summary>
    public string Analysis { get; init; } = "16";

    /// <summary>Containment under way.</summary>
    public string Contain { get; init; } = "18";

    /// <summary>Contained: recovery.</summary>
    public string Recover { get; init; } = "20";

    /// <summary>Closed with its review; also read as closed on the ServiceNow side.</summary>
    public string Closed { get; init; } = "3";

    /// <summary>A false positive; also read as closed on the ServiceNow side.</summary>
    public string Cancelled { get; init; } = "7";
}
