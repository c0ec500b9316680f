namespace ServerlessIR.Local.Fuzz;

/// <summary>An incident a fuzz run opened or joined, as it stood at the end.</summary>
/// <param name="Status">Its status as <c>GET /api/incidents/{id}</c> gives it.</param>
/// <param name="RuntimeStatus">Its orchestration's runtime status, when the run hosts the engine; null otherwise.</param>
/// <param name="Failure">The orchestration's failure, when it failed.</param>
internal sealed record FuzzIncident(string Id, string Status, string? RuntimeStatus, string? Failure)
{
    public bool Failed => Status == "Failed" || RuntimeStatus == "Failed";

    public bool Running => RuntimeStatus is "Running" or "Pending";
}
