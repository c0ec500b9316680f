namespace ServerlessIR.Local.Tests.Hosting;

/// <summary>
/// A leak alert a test posts through the real webhook. The defaults describe the BNPL credit-scoring connector's integration
/// user leaking contact and financial data of 5,000 people; a test changes what its scenario is about.
/// </summary>
internal sealed record TestAlert(string Summary)
{
    public string Source { get; init; } = "/tests/alerts";

    public string IdPrefix { get; init; } = "alert";

    public string ConnectedApp { get; init; } = "BNPL Scoring Connector";

    /// <summary>The integration user's Salesforce ID; null leaves the principal out, so the plan has no user to freeze.</summary>
    public string? Principal { get; init; } = "0055g00000BNPLint";

    public IReadOnlyList<string> Categories { get; init; } = ["contact", "financial"];

    public int Subjects { get; init; } = 5000;

    public bool Malicious { get; init; }
}
