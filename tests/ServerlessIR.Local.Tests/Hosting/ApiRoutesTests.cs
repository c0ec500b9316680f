using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using ServerlessIR.Adapters.Http;
using ServerlessIR.Local.Hosting;

namespace ServerlessIR.Local.Tests.Hosting;

/// <summary>The local host's map serves the route table the Functions app's triggers are held to, and nothing else.</summary>
public sealed class ApiRoutesTests
{
    public static TheoryData<string, string> RouteTable
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var (route, method) in HttpRoutes.Table)
            {
                data.Add(route, method);
            }
            return data;
        }
    }

    /// <summary>(route below the prefix, method) of every endpoint <see cref="ApiRoutes.MapServerlessIRApi"/> maps.</summary>
    private static List<(string Route, string Method)> Mapped()
    {
        var builder = WebApplication.CreateSlimBuilder();
        // Only registered, never resolved: the map must know the handlers are services, not request bodies.
        foreach (var service in new[] { typeof(EventsHandler), typeof(IncidentsHandler), typeof(ConsoleHandler), typeof(IncidentActionsHandler), typeof(ApprovalsHandler), typeof(DurableTaskClient) })
        {
            builder.Services.AddSingleton(service, _ => throw new InvalidOperationException("not resolved while mapping"));
        }
        var app = builder.Build();
        app.MapServerlessIRApi("key");
        var prefix = "/" + HttpRoutes.Prefix + "/";
        return ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Pattern: e.RoutePattern.RawText ?? "", Method: m)))
            .Select(e => (e.Pattern.StartsWith(prefix, StringComparison.Ordinal) ? e.Pattern[prefix.Length..] : e.Pattern, e.Method))
            .ToList();
    }

    [Theory]
    [MemberData(nameof(RouteTable))]
    public void MapServerlessIRApi_EachRouteAndMethod_IsMapped(string route, string method) =>
        Assert.Contains((route, method), Mapped());

    [Fact]
    public void MapServerlessIRApi_MapsNothingOutsideTheRouteTable()
    {
        var table = HttpRoutes.Table.ToHashSet();

        var extra = Mapped().Where(r => !table.Contains(r)).Select(r => $"{r.Method} {r.Route}").ToList();

        Assert.True(extra.Count == 0, "mapped but not in HttpRoutes.Table: " + string.Join(", ", extra));
    }
}
