namespace ServerlessIR.Adapters.Http;

/// <summary>
/// How approvers are identified. Bound from <c>ServerlessIR:Auth</c> (<see cref="RunningBehindAppServiceAuth"/>) and
/// <c>ServerlessIR:Local</c> (<see cref="AllowApproverHeader"/>).
/// </summary>
public sealed class ApproverIdentityOptions
{
    /// <summary>
    /// True only when App Service Authentication fronts the app: then, and only then, the platform strips any
    /// client-sent <c>X-MS-CLIENT-PRINCIPAL</c> and sets its own, so the header can be believed.
    /// </summary>
    public bool RunningBehindAppServiceAuth { get; set; }

    /// <summary>
    /// Local host, drills only: honour <c>X-ServerlessIR-Local-Approver</c> so a drill's simulated people can act as
    /// different approvers. <c>ir serve</c> never sets it; its people sign in (<see cref="LocalSessions"/>).
    /// </summary>
    public bool AllowApproverHeader { get; set; }
}
