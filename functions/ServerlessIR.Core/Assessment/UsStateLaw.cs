namespace ServerlessIR.Core.Assessment;

/// <summary>
/// How one U.S. state's breach law is triggered: which data categories its "personal information" covers, and whether it
/// spares a breach unlikely to cause harm. Periods, recipients and attorney-general thresholds are its catalog rules.
/// </summary>
/// <param name="Jurisdiction">ISO 3166-2 code of the state, e.g. <c>US-NY</c>.</param>
/// <param name="Regime">Regime ID in the catalog; its rules are <c>{Regime}.residents</c> and <c>{Regime}.ag</c>.</param>
/// <param name="Statute">The citation decisions quote.</param>
/// <param name="Categories">Data categories that are personal information under the statute.</param>
/// <param name="HarmThreshold">No notice when the breach is not reasonably likely to cause harm (identity theft, misuse).</param>
internal sealed record UsStateLaw(string Jurisdiction, string Regime, string Statute, IReadOnlyList<string> Categories, bool HarmThreshold)
{
    private static readonly string[] Broad = ["financial", "payment-card", "credentials", "identity-document", "special-category"];

    /// <summary>
    /// The states besides California (which has its own method). Texas's "sensitive personal information" (521.002) has no
    /// login credentials; Florida (501.171(4)(c)), Colorado (6-1-716(2)(a)) and Washington (19.255.010(1)) need no notice
    /// when harm is not reasonably likely; New York and Texas have no such exception.
    /// </summary>
    public static IReadOnlyList<UsStateLaw> All { get; } =
    [
        new("US-NY", "us-ny-gbl-899-aa", "N.Y. Gen. Bus. Law 899-aa", Broad, HarmThreshold: false),
        new("US-TX", "us-tx-bcc-521.053", "Tex. Bus. & Com. Code 521.053", ["financial", "payment-card", "identity-document", "special-category"], HarmThreshold: false),
        new("US-FL", "us-fl-stat-501.171", "Fla. Stat. 501.171", Broad, HarmThreshold: true),
        new("US-CO", "us-co-crs-6-1-716", "Colo. Rev. Stat. 6-1-716", Broad, HarmThreshold: true),
        new("US-WA", "us-wa-rcw-19.255.010", "RCW 19.255.010", Broad, HarmThreshold: true),
    ];
}
