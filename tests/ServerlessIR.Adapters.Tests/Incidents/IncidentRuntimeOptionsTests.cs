using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServerlessIR.Adapters.Incidents;
using ServerlessIR.Core.Incidents;

namespace ServerlessIR.Adapters.Tests.Incidents;

public sealed class IncidentRuntimeOptionsTests
{
    private static IncidentRuntime Bound(IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var provider = new ServiceCollection()
            .AddIncidents()
            .AddOptions<IncidentRuntimeOptions>().Bind(configuration.GetSection(IncidentRuntimeOptions.SectionName)).Services
            .BuildServiceProvider();
        return provider.GetRequiredService<IOptions<IncidentRuntimeOptions>>().Value.ToRuntime();
    }

    [Theory]
    [InlineData(3600.0, 96.0, 5.0)]
    [InlineData(0.5, null, 1.25)]
    public void Settings_BoundFromTheirSection_GiveTheSameRuntime(double scale, double? horizon, double floor)
    {
        var runtime = new IncidentRuntime(scale, horizon, floor);

        Assert.Equal(runtime, Bound(IncidentRuntimeOptions.Settings(runtime)));
    }

    [Fact]
    public void ToRuntime_NothingConfigured_IsProduction()
    {
        Assert.Equal(IncidentRuntime.Production, Bound([]));
    }

    [Fact]
    public void Use_ARuntime_TakesEveryValue()
    {
        var options = new IncidentRuntimeOptions { TimeScale = 7200, HorizonHours = 12 };

        options.Use(IncidentRuntime.Production);

        Assert.Equal(IncidentRuntime.Production, options.ToRuntime());
    }
}
