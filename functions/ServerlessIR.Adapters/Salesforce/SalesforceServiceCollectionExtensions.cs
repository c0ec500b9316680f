using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServerlessIR.Core.Salesforce;

namespace ServerlessIR.Adapters.Salesforce;

/// <summary>Registers the Salesforce REST client of each org (section <c>ServerlessIR:Salesforce</c>).</summary>
public static class SalesforceServiceCollectionExtensions
{
    public static IServiceCollection AddSalesforce(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddHttpClient(SalesforceClientFactory.HttpClientName);
        services.AddOptions<SalesforceOptions>().Bind(configuration.GetSection(SalesforceOptions.SectionName));
        services.AddSingleton<ISalesforceClientFactory, SalesforceClientFactory>();
        return services;
    }
}
