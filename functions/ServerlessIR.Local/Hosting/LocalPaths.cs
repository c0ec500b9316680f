using ServerlessIR.StandIns.Storage;

namespace ServerlessIR.Local.Hosting;

/// <summary>Where the repository and the git-ignored local state folder (<c>.ir/</c>) are.</summary>
public sealed record LocalPaths(string Root, string State)
{
    /// <summary>The repository as <see cref="AzuriteLauncher.FindRepositoryRoot"/> finds it; the state folder given, else <c>IR_STATE</c>, else <c>.ir/</c> in it.</summary>
    public static LocalPaths Discover(string? stateFolder = null)
    {
        var root = AzuriteLauncher.FindRepositoryRoot();
        var state = stateFolder ?? (Environment.GetEnvironmentVariable("IR_STATE") is { Length: > 0 } s ? s : Path.Combine(root, ".ir"));
        Directory.CreateDirectory(state);
        return new LocalPaths(root, state);
    }
}
