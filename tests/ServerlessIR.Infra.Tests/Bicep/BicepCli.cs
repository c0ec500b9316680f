using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;

namespace ServerlessIR.Infra.Tests.Bicep;

/// <summary>
/// Runs the native Bicep CLI that restore downloads from NuGet
/// (Azure.Bicep.CommandLine.linux-x64, pinned in Directory.Packages.props).
/// </summary>
public sealed class BicepCli
{
    private const string PackageId = "azure.bicep.commandline.linux-x64";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private BicepCli(string executablePath) => ExecutablePath = executablePath;

    public string ExecutablePath { get; }

    /// <summary>Finds the CLI in the NuGet packages folder and makes sure it is executable.</summary>
    public static BicepCli Locate()
    {
        var version = Metadata("BicepCliVersion")
            ?? throw new InvalidOperationException("BicepCliVersion missing from the test assembly metadata.");
        var candidates = PackageRoots()
            .Select(root => Path.Combine(root, PackageId, version, "tools", "bicep"))
            .ToList();
        var path = candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException(
                $"Bicep CLI {version} not found; run dotnet restore. Looked in: {string.Join(", ", candidates)}");

        if (!OperatingSystem.IsWindows())
        {
            // NuGet extraction does not always keep the execute bit.
            var mode = File.GetUnixFileMode(path);
            const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            if ((mode & UnixFileMode.UserExecute) == 0)
            {
                File.SetUnixFileMode(path, mode | execute);
            }
        }

        return new BicepCli(path);
    }

    /// <summary><c>bicep build FILE --stdout</c>: the ARM JSON goes to standard output.</summary>
    public BicepResult Build(string bicepFile) => Run("build", bicepFile, "--stdout");

    /// <summary><c>bicep lint FILE</c>, which applies bicepconfig.json found beside or above the file.</summary>
    public BicepResult Lint(string bicepFile) => Run("lint", bicepFile);

    /// <summary>Builds and parses the ARM template; throws if the build failed.</summary>
    public JsonObject BuildTemplate(string bicepFile)
    {
        var result = Build(bicepFile);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"bicep build {bicepFile} failed:\n{result.StandardError}");
        }

        return JsonNode.Parse(result.StandardOutput)?.AsObject()
            ?? throw new InvalidOperationException($"bicep build {bicepFile} printed no JSON.");
    }

    private BicepResult Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The CLI is a .NET app: keep it from writing telemetry or first-run files.
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["BICEP_TRACING_ENABLED"] = "false";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bicep did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} took longer than {Timeout}.");
        }

        return new BicepResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    private static IEnumerable<string> PackageRoots()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            yield return fromEnvironment;
        }

        var fromBuild = Metadata("NuGetPackageRoot");
        if (!string.IsNullOrWhiteSpace(fromBuild))
        {
            yield return fromBuild;
        }

        yield return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
    }

    private static string? Metadata(string key) =>
        typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == key)?.Value;
}
