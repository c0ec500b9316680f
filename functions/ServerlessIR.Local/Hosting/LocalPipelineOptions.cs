using ServerlessIR.Core.Incidents;

namespace ServerlessIR.Local.Hosting;

/// <summary>How to run the local pipeline.</summary>
public sealed record LocalPipelineOptions
{
    /// <summary>Port of the API on 127.0.0.1; 0 picks a free one.</summary>
    public int ApiPort { get; init; } = 7071;

    public string TaskHub { get; init; } = "serverlessir";

    /// <summary>Which code receives the triggers (<c>--host</c>).</summary>
    public PipelineHost Host { get; init; } = PipelineHost.Local;

    /// <summary>
    /// Prefix for every table and container the pipeline writes (<c>ServerlessIR:Storage:Prefix</c>), so pipelines with
    /// their own task hubs can share one Azurite without joining each other's incidents; empty in drills and in Azure.
    /// </summary>
    public string StoragePrefix { get; init; } = "";
    public double TimeScale { get; init; } = 1;
    public double? HorizonHours { get; init; }
    public double HumanWaitFloorSeconds { get; init; } = 5;

    /// <summary>Incidents wait for their review and closure once their clocks are done (the drill and <c>ir serve</c>).</summary>
    public bool AwaitClosure { get; init; }

    /// <summary>History events a generation writes before the clock watch or the closure wait continues as new (0: never).</summary>
    public int HistoryEventsPerGeneration { get; init; } = IncidentRuntime.DefaultHistoryEventsPerGeneration;
    /// <summary>Azurite's blob port (queue and table follow); <c>IR_AZURITE_PORT</c> moves it, default 10000.</summary>
    public int AzuriteBlobPort { get; init; } =
        int.TryParse(Environment.GetEnvironmentVariable("IR_AZURITE_PORT"), out var port) ? port : 10000;
    public string? PlaybookPath { get; init; }

    /// <summary>
    /// A drill: its simulated people name who they act as in the <c>X-ServerlessIR-Local-Approver</c> header, which the
    /// local host then believes. Off for <c>ir serve</c>, where any local process could send that header.
    /// </summary>
    public bool SimulatedPeople { get; init; }

    /// <summary>
    /// Source prefixes this host trusts on top of the playbook's alert sources (<c>ServerlessIR:Local:DrillTrustedSources</c>):
    /// a drill's own sensors (<c>/drills/</c>), whose alerts stand in for the trusted relay. Empty: only the playbook decides.
    /// </summary>
    public IReadOnlyList<string> DrillTrustedSources { get; init; } = [];

    public LogLevel LogLevel { get; init; } = LogLevel.Warning;

    /// <summary>Starts the Salesforce, Graph and Teams stand-ins and points the adapters at them.</summary>
    public bool StandIns { get; init; } = true;

    /// <summary>
    /// Existing stand-in state to serve instead of seeding fresh state (a restarted host facing the same Salesforce and Key
    /// Vault). Null seeds new state from the playbook.
    /// </summary>
    public LocalStandInStates? ReuseStandIns { get; init; }

    /// <summary>Visibility timeout of the durable queues (null: <see cref="DurableQueueTimings.VisibilityTimeout"/>, as in host.json).</summary>
    public TimeSpan? WorkItemVisibilityTimeout { get; init; }

    /// <summary>The state folder (secrets, Azurite data); null takes <c>IR_STATE</c> or <c>.ir/</c>.</summary>
    public string? StateFolder { get; init; }
}
