using ServerlessIR.Core.Incidents;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Tests;

public sealed class WireNamesTests
{
    [Theory]
    [InlineData(LadderAction.RemindOwner, "remind-owner")]
    [InlineData(LadderAction.EscalateTier, "escalate-tier")]
    [InlineData(LadderAction.DraftNotice, "draft-notice")]
    [InlineData(LadderAction.EscalateExecutive, "escalate-executive")]
    public void Of_LadderAction_PlaybookNameAndBack(LadderAction action, string wire)
    {
        Assert.Equal(wire, WireNames.Of(action));
        Assert.Equal(action, WireNames.Parse<LadderAction>(wire));
    }

    [Fact]
    public void Of_EnumWithoutWireNames_MemberName()
    {
        Assert.Equal("NotRequired", WireNames.Of(ObligationStatus.NotRequired));
    }

    [Fact]
    public void Parse_UnknownName_FormatException()
    {
        Assert.Throws<FormatException>(() => WireNames.Parse<LadderAction>("RemindOwner"));
    }

    [Theory]
    [InlineData("deadline", CheckpointKind.Deadline, LadderAction.EscalateExecutive)]
    [InlineData("warning", CheckpointKind.Warning, LadderAction.DraftNotice)]
    [InlineData("24h", CheckpointKind.Hour, LadderAction.RemindOwner)]
    public void DefaultAction_FirstCheckpointOfKind_DefaultLadder(string name, CheckpointKind kind, LadderAction action)
    {
        Assert.Equal(kind, ClockPolicy.KindOf(name));
        Assert.Equal(action, ClockPolicy.DefaultAction(name, 0));
    }
}
