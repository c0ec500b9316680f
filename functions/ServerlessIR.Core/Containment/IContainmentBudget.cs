namespace ServerlessIR.Core.Containment;

/// <summary>
/// The durable, shared count of automated containment runs per AI system and action. Reserving is idempotent per
/// <see cref="BudgetRequest.ReservationKey"/>, and two incidents racing for the last slot cannot both get it.
/// </summary>
public interface IContainmentBudget
{
    /// <summary>Takes a slot for <paramref name="request"/> if one is free; a request already holding a slot gets it again.</summary>
    Task<BudgetReservation> ReserveAsync(BudgetRequest request, CancellationToken cancellationToken = default);
}
