namespace ServerlessIR.Core.Assessment;

/// <summary>
/// The GDPR risk of a breach: the ENISA level, then the tests ENISA leaves out, in this order: unintelligible data
/// (<see cref="UnintelligibleData"/>), the EDPB's downward adjustments (<see cref="EdpbAdjustments"/>) and scale
/// (<see cref="ScaleTest"/>). <see cref="Likely"/> decides Art. 33, <see cref="High"/> Art. 34; UK GDPR, LGPD and PDPA read them too.
/// </summary>
/// <param name="Likely">Art. 33(1): the breach is not "unlikely to result in a risk".</param>
/// <param name="High">Art. 34(1): "likely to result in a high risk".</param>
/// <param name="Reasons">How the level was reached, each step with its source.</param>
internal sealed record GdprRisk(bool Likely, bool High, IReadOnlyList<string> Reasons)
{
    public static GdprRisk Assess(BreachFacts facts, EnisaScore enisa)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(enisa);
        var likely = enisa.Level != "low";
        var high = enisa.Level is "high" or "very-high";
        var reasons = new List<string>
        {
            $"ENISA {enisa.Level}: risk {(high ? "high" : likely ? "likely, not high" : "unlikely")} before the tests ENISA leaves out (number of people, unintelligibility, EDPB adjustments)",
        };
        if (UnintelligibleData.ExemptsNotification(facts))
        {
            reasons.Add(UnintelligibleData.ExemptionReason);
            return new GdprRisk(false, false, reasons);
        }
        if (EdpbAdjustments.RecipientContained(facts))
        {
            reasons.Add(EdpbAdjustments.ContainedReason);
            return new GdprRisk(false, false, reasons);
        }
        if (ScaleTest.Exposes(facts) && facts.SubjectCount >= ScaleTest.LargeScale && !high)
        {
            reasons.Add(ScaleTest.LargeReason(facts.SubjectCount));
            return new GdprRisk(true, true, reasons);
        }
        if (ScaleTest.Exposes(facts) && facts.SubjectCount >= ScaleTest.SignificantScale && !likely)
        {
            reasons.Add(ScaleTest.SignificantReason(facts.SubjectCount));
            return new GdprRisk(true, false, reasons);
        }
        return new GdprRisk(likely, high, reasons);
    }
}
