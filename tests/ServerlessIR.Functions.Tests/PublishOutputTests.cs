using System.Diagnostics;
using ServerlessIR.Core.Notifications;
using ServerlessIR.Core.Tests.Notifications;

namespace ServerlessIR.Functions.Tests;

/// <summary>
/// Publishes the Functions app once to a temporary folder (what azd deploys to <c>/home/site/wwwroot</c>) and checks that
/// it carries what the app reads from disk at run time, found from the publish folder alone.
/// </summary>
[Trait("Category", "Publish")]
public sealed class PublishOutputTests(PublishOutputTests.PublishedApp app) : IClassFixture<PublishOutputTests.PublishedApp>
{
    [Fact]
    public void Publish_TemplateFolder_IsFoundInThePublishFolderItself()
    {
        var located = NoticeTemplates.LocateDirectory(startDirectory: app.Folder);

        Assert.Equal(Path.Combine(app.Folder, NoticeTemplates.FolderName), located);
    }

    [Fact]
    public void Publish_EveryRepositoryTemplate_IsCarried()
    {
        var expected = Directory.GetFiles(Path.Combine(PublishedApp.RepositoryRoot, NoticeTemplates.FolderName), "*.liquid").Select(Path.GetFileName).Order().ToList();
        var published = Directory.GetFiles(Path.Combine(app.Folder, NoticeTemplates.FolderName), "*.liquid").Select(Path.GetFileName).Order().ToList();

        Assert.True(expected.Count >= 9, $"only {expected.Count} templates in the repository");
        Assert.Equal(expected, published);
    }

    [Fact]
    public void Publish_EveryTemplate_RendersFromThePublishFolder()
    {
        var renderer = new NoticeRenderer(Path.Combine(app.Folder, NoticeTemplates.FolderName));
        var model = SampleNoticeModel.Create();

        Assert.True(renderer.TemplateNames.Count >= 9, $"only {renderer.TemplateNames.Count} templates");
        foreach (var name in renderer.TemplateNames)
        {
            var output = renderer.Render(name, model);
            Assert.True(output.Length > 100, $"{name} rendered only {output.Length} characters");
        }
    }

    [Fact]
    public void Publish_FunctionsMetadata_ListsTheFunctions()
    {
        var metadata = File.ReadAllText(Path.Combine(app.Folder, "functions.metadata"));

        Assert.True(File.Exists(Path.Combine(app.Folder, "host.json")), "host.json missing");
        foreach (var name in new[] { "Events", "Approval", "Notice", "IncidentOrchestrator", "DraftNoticeActivity", "SalesforceRelay" })
        {
            Assert.Contains($"\"name\": \"{name}\"", metadata, StringComparison.Ordinal);
        }
    }

    /// <summary>One publish per test class: it takes a while on a busy machine.</summary>
    public sealed class PublishedApp : IDisposable
    {
        public PublishedApp()
        {
            Folder = Path.Combine(Path.GetTempPath(), "ir-publish-" + Guid.NewGuid().ToString("N"));
            var project = Path.Combine(RepositoryRoot, "functions", "ServerlessIR.Functions", "ServerlessIR.Functions.csproj");
            // --no-build: the test project's build has just built the app in this configuration.
#if DEBUG
            const string configuration = "Debug";
#else
            const string configuration = "Release";
#endif
            var start = new ProcessStartInfo("dotnet", ["publish", project, "-c", configuration, "--no-build", "-o", Folder, "-nologo", "-v", "quiet"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("dotnet publish took more than 5 minutes");
            }
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet publish failed ({process.ExitCode}): {stdout.Result} {stderr.Result}");
            }
        }

        public string Folder { get; }

        public static string RepositoryRoot { get; } = FindRoot();

        public void Dispose()
        {
            try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
        }

        private static string FindRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ServerlessIR.sln")))
                {
                    return dir.FullName;
                }
            }
            throw new DirectoryNotFoundException("No ServerlessIR.sln above " + AppContext.BaseDirectory);
        }
    }
}
