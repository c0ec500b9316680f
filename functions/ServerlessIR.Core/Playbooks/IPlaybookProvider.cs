namespace ServerlessIR.Core.Playbooks;

/// <summary>The playbook in force. Activities read it; orchestrators get what they need from activity results.</summary>
public interface IPlaybookProvider
{
    Playbook Current { get; }
}
