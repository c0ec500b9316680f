using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.TestSupport.Orchestration;

/// <summary>The default playbook with token revocation as its only containment step: the other actions need stand-ins.</summary>
public static class TestPlaybook
{
    public static Playbook RevokeOnly()
    {
        var playbook = PlaybookLoader.LoadDefault();
        return playbook with
        {
            Containment = playbook.Containment with
            {
                Steps = [.. playbook.Containment.Steps.Where(s => s.Action == ContainmentActions.RevokeOAuthTokens)],
            },
        };
    }
}
