using ServerlessIR.Core.Incidents;

namespace ServerlessIR.Core.Tests.Incidents;

public sealed class ClosureBlockersTests
{
    private static readonly DateTimeOffset Due = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static IncidentTask Task(string id, IncidentTaskStatus status) =>
        new(id, "Rotate the certificate", "sam@northwind.example", Due, null, "playbook", "playbook") { Status = status };

    private static ObligationSummary Obligation(string regime, ObligationStatus status) =>
        new(regime, "authority", Due, "fixed", status, []);

    private static IncidentSummary Incident(IReadOnlyList<IncidentTask> tasks, IReadOnlyList<ObligationSummary> obligations) =>
        new() { Id = "inc-1", Status = IncidentStatus.Contained, Tasks = tasks, Obligations = obligations };

    [Fact]
    public void Of_OpenTaskAndPendingObligation_NamesEach()
    {
        var blockers = ClosureBlockers.Of(Incident([Task("seed-1", IncidentTaskStatus.Open), Task("seed-2", IncidentTaskStatus.Done)],
            [Obligation("gdpr-art33", ObligationStatus.Pending), Obligation("gdpr-art34", ObligationStatus.Submitted)]));

        Assert.Equal(2, blockers.Count);
        Assert.Contains(blockers, b => b.StartsWith("task seed-1", StringComparison.Ordinal));
        Assert.Contains(blockers, b => b.StartsWith("obligation gdpr-art33", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(ObligationStatus.Late)]
    [InlineData(ObligationStatus.OnHold)]
    public void Of_ObligationNotSubmitted_Blocks(ObligationStatus status) =>
        Assert.Single(ClosureBlockers.Of(Incident([], [Obligation("nis2-notification", status)])));

    [Fact]
    public void Of_WaivedTaskAndSubmittedOrNotRequiredObligations_Nothing() =>
        Assert.Empty(ClosureBlockers.Of(Incident([Task("seed-1", IncidentTaskStatus.Waived)],
            [Obligation("gdpr-art33", ObligationStatus.Submitted), Obligation("gdpr-art34", ObligationStatus.NotRequired)])));

    [Fact]
    public void Of_AlreadyClosed_NamesStatus() =>
        Assert.StartsWith("status:", Assert.Single(ClosureBlockers.Of(Incident([], []) with { Status = IncidentStatus.Closed })), StringComparison.Ordinal);
}
