namespace ServerlessIR.Core.Playbooks;

/// <summary>
/// The bulk-mail service that carries notices to data subjects. Exchange caps a mailbox at about 10,000 recipients a
/// day, so Art. 34 notices to customers go through a bulk channel, not Graph. <see cref="EndpointSetting"/> is the name
/// of the app setting holding its endpoint, never the endpoint itself.
/// </summary>
public sealed record BulkMailChannel
{
    public required string Name { get; init; }
    public required string EndpointSetting { get; init; }
}
