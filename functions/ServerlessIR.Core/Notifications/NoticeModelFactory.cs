using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Notifications;

/// <summary>Builds the models templates render from the playbook and what the orchestrator knows of an incident.</summary>
public static class NoticeModelFactory
{
    public static NoticeOrganisation Organisation(Playbook playbook)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        var org = playbook.Organisation;
        return new NoticeOrganisation
        {
            Controller = org.Controller,
            DpoName = org.Dpo.Name,
            DpoEmail = org.Dpo.Email,
            MainEstablishment = org.EuMainEstablishment ?? "",
        };
    }
}
