namespace ServerlessIR.Local.Hosting;

/// <summary>
/// How fast the durable engine notices work: the queue polling ceiling and the visibility timeouts of the control and
/// work-item queues. The local host uses these; the Functions app has the same values in <c>host.json</c>
/// (<c>extensions.durableTask.storageProvider</c>), and a test holds the two equal.
/// </summary>
/// <remarks>
/// A message taken by a process that then dies stays hidden for the visibility timeout (the engine's default is five
/// minutes), so the timeout bounds how long a restarted host waits before it resumes an incident. A live host renews
/// the visibility of a running activity's message while the activity runs (the Durable Task Framework's activity
/// dispatcher renews a lock due within 30 s, checking every 5 s), so a short timeout does not hand a long activity to a
/// second worker; should a renewal be missed on a starved machine, the activity runs twice, which every activity
/// tolerates (each is idempotent). A control-queue message that reappears is recognised by the engine as a duplicate
/// of what the history already holds.
/// </remarks>
public static class DurableQueueTimings
{
    /// <summary>Visibility timeout of the control and work-item queues: a restarted host resumes within about this long.</summary>
    public static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The longest back-off between polls of an idle queue. Every hop of an orchestration (schedule an activity, take its
    /// result) can wait this long after a quiet spell, so it sets the floor of the first action's latency.
    /// </summary>
    public static readonly TimeSpan MaxQueuePollingInterval = TimeSpan.FromSeconds(1);
}
