using ServerlessIR.Core.Containment;

namespace ServerlessIR.TestSupport.Fakes;

/// <summary>The automation budget's rules in memory (the table store keeps the same ones durably): for orchestration tests.</summary>
public sealed class InMemoryContainmentBudget : IContainmentBudget
{
    private readonly List<(string Scope, string Key, string Incident, DateTimeOffset At)> reservations = [];

    public IReadOnlyList<BudgetRequest> Requests => requests;

    private readonly List<BudgetRequest> requests = [];

    public Task<BudgetReservation> ReserveAsync(BudgetRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (reservations)
        {
            requests.Add(request);
            var scope = (request.AiSystemId ?? "") + "|" + request.Action;
            var kept = reservations.Where(r => r.Scope == scope && r.At > request.At - TimeSpan.FromHours(24)).ToList();
            var inIncident = kept.Count(r => r.Incident == request.IncidentId);
            if (kept.Any(r => r.Key == request.ReservationKey))
            {
                return Task.FromResult(new BudgetReservation(true, inIncident, request.PerIncident, kept.Count, request.PerDay));
            }
            if (inIncident >= request.PerIncident || kept.Count >= request.PerDay)
            {
                return Task.FromResult(new BudgetReservation(false, inIncident, request.PerIncident, kept.Count, request.PerDay));
            }
            reservations.Add((scope, request.ReservationKey, request.IncidentId, request.At));
            return Task.FromResult(new BudgetReservation(true, inIncident + 1, request.PerIncident, kept.Count + 1, request.PerDay));
        }
    }
}
