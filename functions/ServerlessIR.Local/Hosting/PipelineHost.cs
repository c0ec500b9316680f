namespace ServerlessIR.Local.Hosting;

/// <summary>Which code receives the triggers: the local host's own routes and task registrations, or the Functions app's classes.</summary>
public enum PipelineHost
{
    /// <summary>The local host: Kestrel routes over the shared handlers, Core orchestrator and activities registered directly.</summary>
    Local,

    /// <summary>
    /// The Functions app's own <c>[Function]</c> classes, resolved from its composition root, with only trigger dispatch
    /// local (<c>--host functions</c>).
    /// </summary>
    Functions,
}
