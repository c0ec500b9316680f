using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using ServerlessIR.Functions;

// Everything the app registers lives in ServerlessIRFunctionsApp, which the tests and `ir --host functions` also build.
FunctionsApplication.CreateBuilder(args).Configure().Build().Run();
