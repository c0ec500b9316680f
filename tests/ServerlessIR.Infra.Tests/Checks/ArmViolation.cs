namespace ServerlessIR.Infra.Tests.Checks;

/// <summary>One breach of the deployment's security rules found in a compiled ARM template.</summary>
/// <param name="Rule">Stable rule ID, e.g. <c>storage-shared-key-off</c>.</param>
/// <param name="Location">Where: the nested deployment path and the resource type and name.</param>
/// <param name="Message">What is wrong, for a person reading a failed test.</param>
public sealed record ArmViolation(string Rule, string Location, string Message)
{
    public override string ToString() => $"[{Rule}] {Location}: {Message}";
}
