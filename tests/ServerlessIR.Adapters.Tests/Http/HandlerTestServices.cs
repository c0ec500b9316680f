using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServerlessIR.Adapters.Http;
using ServerlessIR.Adapters.Incidents;
using ServerlessIR.Adapters.Storage;
using ServerlessIR.Adapters.Tests.Storage;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Adapters.Tests.Http;

/// <summary>
/// The HTTP handlers composed as the Functions app composes them (storage on Azurite with its tables created, the default
/// playbook, the incident store), for tests that call a handler directly with a <see cref="DefaultHttpContext"/>.
/// </summary>
internal static class HandlerTestServices
{
    /// <param name="prefix">The storage prefix's stem, so each test class gets tables of its own.</param>
    /// <param name="settings">Settings beside the storage connection, as the app would have them.</param>
    /// <param name="add">The services this class's handlers need beyond the common ones (fakes, ingestion, approvals).</param>
    public static async Task<ServiceProvider> BuildAsync(AzuriteFixture azurite, string prefix,
        IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection, IConfiguration> add)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>(settings)
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["ServerlessIR:Storage:Prefix"] = TestStorageAccount.NewPrefix(prefix),
        }).Build();
        var collection = new ServiceCollection().AddLogging();
        collection.AddStorage(configuration);
        collection.AddSingleton<IPlaybookProvider>(new StaticPlaybookProvider(PlaybookLoader.LoadDefault()));
        collection.AddIncidents();
        add(collection, configuration);
        collection.AddHttpHandlers(configuration);
        var services = collection.BuildServiceProvider();
        await azurite.CreateAsync(services.GetRequiredService<TableNames>());
        return services;
    }

    /// <summary>A POST request carrying <paramref name="body"/>, with an empty response body to read the answer from.</summary>
    public static DefaultHttpContext Post(IServiceProvider services, string body, string contentType)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = "POST";
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Request.Body = new MemoryStream(bytes);
        context.Request.ContentLength = bytes.Length;
        context.Request.ContentType = contentType;
        context.Response.Body = new MemoryStream();
        return context;
    }

    /// <summary>Runs a handler's result against its context and reads the answer back.</summary>
    public static async Task<(int Status, string ContentType, string Body)> ExecuteAsync(IResult result, DefaultHttpContext context)
    {
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        using var reader = new StreamReader(context.Response.Body, Encoding.UTF8);
        return (context.Response.StatusCode, context.Response.ContentType ?? "", await reader.ReadToEndAsync());
    }
}
