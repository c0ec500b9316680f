using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ServerlessIR.Adapters;
using ServerlessIR.Adapters.Http;
using ServerlessIR.Adapters.Ingestion;
using ServerlessIR.Adapters.Telemetry;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Functions;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
// Registered before AddServerlessIR so its TryAdd keeps this one: in Azure the approver is whoever App Service
// Authentication signed in, and nobody when the app is not configured as running behind it; never a configured identity.
builder.Services.AddSingleton<IApproverIdentityResolver>(sp =>
    new AppServiceApproverIdentityResolver(sp.GetRequiredService<IOptions<ApproverIdentityOptions>>().Value));
builder.Services.AddServerlessIR(builder.Configuration);
builder.Services.AddServerlessIRTelemetry(builder.Configuration);
builder.Services.AddActivityClasses();
// The Azure app always runs in real time: the time scale is never configurable here.
builder.Services.Configure<IngestionOptions>(o => o.Runtime = IncidentRuntime.Production);
builder.Build().Run();
