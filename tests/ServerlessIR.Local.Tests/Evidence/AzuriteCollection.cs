namespace ServerlessIR.Local.Tests.Evidence;

/// <summary>Tests in this collection use the run's one Azurite, each with tables and containers of its own.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
