using Moq;
using ServerlessIR.Core.Approvals;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Notifications;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Tests.Approvals;

/// <summary>The second person's decision on a two-person request, with the store and the incident replaced by test doubles.</summary>
public sealed class DualControlDeskTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly DualControlRequest Request = new("req-1", "inc-1", IncidentEvent.Kinds.FalsePositive,
        "Declare a false positive: the export was a scheduled backup", "soc@northwind.example", "oid-soc", "{}", Now.AddMinutes(-5), Now.AddHours(24));

    private readonly Mock<IDualControlStore> store = new();
    private readonly Mock<IApprovalDecisionSink> sink = new();

    private DualControlDesk Desk()
    {
        var playbooks = new StaticPlaybookProvider(PlaybookLoader.LoadDefault());
        store.Setup(s => s.TryDecideAsync(It.IsAny<DualControlRequest>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        return new DualControlDesk(store.Object, new Responders(playbooks, new TierApprovers()),
            new ApprovalTokenService(new FixedSecretStore(new string('x', 48)), new ApprovalTokenOptions()),
            Mock.Of<IMailSender>(), Mock.Of<IActivityFeedNotifier>(), new InMemoryNotificationLedger(), playbooks, new ApprovalTokenOptions(),
            new FixedTime(Now));
    }

    [Fact]
    public async Task DecideAsync_Rejected_RecordedAndTheIncidentToldWhoRefusedWhatAndWhy()
    {
        IncidentEvent? told = null;
        sink.Setup(s => s.RaiseIncidentEventAsync("inc-1", It.IsAny<IncidentEvent>(), It.IsAny<CancellationToken>()))
            .Callback<string, IncidentEvent, CancellationToken>((_, e, _) => told = e).Returns(Task.CompletedTask);

        var (result, decided) = await Desk().DecideAsync(Request, new CallerIdentity("dpo@northwind.example", "oid-dpo"), approve: false,
            "The IP is not ours", sink.Object);

        Assert.Equal(DualControlDecision.Recorded, result);
        Assert.Equal(DualControlStatus.Rejected, decided.Status);
        var rejection = Assert.IsType<TwoPersonRejectedEvent>(told).Rejection!;
        Assert.Equal(new TwoPersonRejection("req-1", IncidentEvent.Kinds.FalsePositive, Request.Summary, "soc@northwind.example",
            "dpo@northwind.example", "The IP is not ours", Now), rejection);
    }

    [Fact]
    public async Task DecideAsync_RejectedButTheIncidentCannotBeTold_TheRefusalStillStands()
    {
        sink.Setup(s => s.RaiseIncidentEventAsync(It.IsAny<string>(), It.IsAny<IncidentEvent>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("instance not running"));

        var (result, decided) = await Desk().DecideAsync(Request, new CallerIdentity("dpo@northwind.example", "oid-dpo"), approve: false,
            "The IP is not ours", sink.Object);

        Assert.Equal(DualControlDecision.Recorded, result);
        Assert.Equal(DualControlStatus.Rejected, decided.Status);
        store.Verify(s => s.ReopenAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
