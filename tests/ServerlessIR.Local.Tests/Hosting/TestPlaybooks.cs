using System.Globalization;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Local.Tests.Hosting;

/// <summary>The default playbook with a test's own automation budget, written where a local pipeline can load it.</summary>
internal static class TestPlaybooks
{
    private const string DefaultBudget = "    perDay: 10\n";

    public static async Task<string> WriteDefaultAsync(string folder, int perDay)
    {
        var yaml = PlaybookLoader.DefaultYaml;
        Assert.Contains(DefaultBudget, yaml, StringComparison.Ordinal);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "playbook-" + perDay.ToString(CultureInfo.InvariantCulture) + ".yaml");
        await File.WriteAllTextAsync(path, yaml.Replace(DefaultBudget, $"    perDay: {perDay.ToString(CultureInfo.InvariantCulture)}\n", StringComparison.Ordinal));
        return path;
    }
}
