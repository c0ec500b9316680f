using System.ComponentModel.DataAnnotations;

namespace ServerlessIR.Core.Retention;

/// <summary>
/// How long the operational stores keep what they hold (configuration section <c>ServerlessIR:Retention</c>; app settings
/// <c>ServerlessIR__Retention__*</c>, which infra sets with the same names). Evidence has its own, much longer, periods.
/// </summary>
public sealed class RetentionSweepOptions
{
    public const string SectionName = "ServerlessIR:Retention";

    /// <summary>Days after an orchestration was created before its history is purged, once it has ended.</summary>
    [Range(1, 36_500)]
    public int CompletedIncidentDays { get; set; } = 90;

    /// <summary>Days a raw alert payload is kept in the restricted raw-alert container.</summary>
    [Range(1, 36_500)]
    public int RawAlertDays { get; set; } = 90;

    /// <summary>Days a rejected event is kept for a person to look at.</summary>
    [Range(1, 36_500)]
    public int RejectedEventDays { get; set; } = 30;

    /// <summary>
    /// Days a delivery claim is kept. Event Grid retries a delivery for at most 24 hours, so a week covers every
    /// redelivery the claim exists to recognise.
    /// </summary>
    [Range(1, 36_500)]
    public int DeliveryClaimDays { get; set; } = 7;

    /// <summary>Days a dead-lettered event is kept in <see cref="DeadLetterContainer"/>.</summary>
    [Range(1, 36_500)]
    public int DeadLetterDays { get; set; } = 30;

    /// <summary>The container Event Grid dead-letters into (infra's <c>deadletter</c>); not prefixed, Event Grid names it.</summary>
    [Required]
    public string DeadLetterContainer { get; set; } = "deadletter";

    /// <summary>Days <paramref name="store"/> keeps what it holds.</summary>
    public int DaysFor(RetainedStore store) => store switch
    {
        RetainedStore.DurableInstances => CompletedIncidentDays,
        RetainedStore.RawAlerts => RawAlertDays,
        RetainedStore.RejectedEvents => RejectedEventDays,
        RetainedStore.DeliveryClaims => DeliveryClaimDays,
        RetainedStore.DeadLetters => DeadLetterDays,
        _ => throw new ArgumentOutOfRangeException(nameof(store), store, null),
    };

    /// <summary>What <paramref name="store"/> holds from before this instant is purged by a sweep at <paramref name="now"/>.</summary>
    public DateTimeOffset CutoffFor(RetainedStore store, DateTimeOffset now) => now.ToUniversalTime().AddDays(-DaysFor(store));
}
