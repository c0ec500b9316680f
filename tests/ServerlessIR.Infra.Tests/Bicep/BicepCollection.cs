namespace ServerlessIR.Infra.Tests.Bicep;

/// <summary>Tests that share one build of the templates.</summary>
[CollectionDefinition(Name)]
public sealed class BicepCollection : ICollectionFixture<CompiledInfrastructure>
{
    public const string Name = "Bicep";
}
