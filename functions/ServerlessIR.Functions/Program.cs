using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ServerlessIR.Adapters;
using ServerlessIR.Adapters.Ingestion;
using ServerlessIR.Adapters.Telemetry;
using ServerlessIR.Core.Incidents;
using ServerlessIR.Functions;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddServerlessIR(builder.Configuration);
builder.Services.AddServerlessIRTelemetry(builder.Configuration);
builder.Services.AddActivityClasses();
// The Azure app always runs in real time: the time scale is never configurable here.
builder.Services.Configure<IngestionOptions>(o => o.Runtime = IncidentRuntime.Production);
builder.Build().Run();
