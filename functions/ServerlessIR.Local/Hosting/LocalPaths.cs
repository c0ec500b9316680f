namespace ServerlessIR.Local.Hosting;

/// <summary>Where the repository and the git-ignored local state folder (<c>.ir/</c>) are.</summary>
public sealed record LocalPaths(string Root, string State)
{
    /// <summary>From <c>IR_ROOT</c> (set by the <c>./ir</c> launcher), else the nearest folder above the binaries holding <c>ServerlessIR.sln</c>.</summary>
    public static LocalPaths Discover(string? stateFolder = null)
    {
        var root = Environment.GetEnvironmentVariable("IR_ROOT");
        if (string.IsNullOrEmpty(root))
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ServerlessIR.sln")))
            {
                dir = dir.Parent;
            }
            root = dir?.FullName ?? Directory.GetCurrentDirectory();
        }
        var state = stateFolder ?? (Environment.GetEnvironmentVariable("IR_STATE") is { Length: > 0 } s ? s : Path.Combine(root, ".ir"));
        Directory.CreateDirectory(state);
        return new LocalPaths(root, state);
    }
}
