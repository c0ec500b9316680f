using Microsoft.Extensions.Options;
using ServerlessIR.Core.Containment;

namespace ServerlessIR.Adapters.Containment;

/// <summary>The app setting <c>ServerlessIR:Containment:KillSwitch</c>, read anew on every question.</summary>
public sealed class OptionsKillSwitch(IOptionsMonitor<ContainmentOptions> options) : IContainmentKillSwitch
{
    public const string SettingName = ContainmentOptions.SectionName + ":" + nameof(ContainmentOptions.KillSwitch);

    public string? EngagedBy => options.CurrentValue.KillSwitch ? "app setting " + SettingName : null;
}
