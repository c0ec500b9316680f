using System.Diagnostics;

namespace ServerlessIR.Infra.Tests.Hooks;

/// <summary>
/// A stand-in <c>az</c> (and <c>azd</c>) on the PATH for running the hooks offline: it keeps Key Vault secrets as files and
/// the evidence immutability policy's state and ETag in one file, logs every call's arguments, and can refuse the first
/// calls the way Key Vault answers 403 while a new role assignment propagates.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // The hooks are POSIX sh scripts (azure.yaml: posix).
internal sealed class FakeAzureCli : IDisposable
{
    private const string Script = """
        #!/bin/sh
        # Fake az for the hook tests: secrets are files under $FAKE_AZ/secrets, deleted ones under $FAKE_AZ/deleted.
        state="$FAKE_AZ"
        echo "$*" >>"$state/calls"
        name=""; file=""; query=""
        prev=""
        for arg in "$@"; do
          case "$prev" in
            --name) name="$arg" ;;
            --file) file="$arg" ;;
            --query) query="$arg" ;;
          esac
          prev="$arg"
        done
        refused=$(cat "$state/refusals" 2>/dev/null || echo 0)
        if [ "$refused" -gt 0 ]; then
          echo $((refused - 1)) >"$state/refusals"
          echo "(Forbidden) Caller is not authorized to perform action on resource." >&2
          exit 1
        fi
        case "$1 $2 $3" in
          "keyvault secret list") ls "$state/secrets" ;;
          "keyvault secret list-deleted") ls "$state/deleted" ;;
          "keyvault secret set") cp "$file" "$state/secrets/$name" ;;
          "keyvault secret recover") mv "$state/deleted/$name" "$state/secrets/$name" ;;
          "storage container immutability-policy")
            case "$4" in
              show) if [ "$query" = state ]; then sed -n 1p "$state/policy"; else sed -n 2p "$state/policy"; fi ;;
              lock) printf 'Locked\n"etag-2"\n' >"$state/policy" ;;
              *) echo "fake az: unexpected call: $*" >&2; exit 2 ;;
            esac ;;
          *) echo "fake az: unexpected call: $*" >&2; exit 2 ;;
        esac
        """;

    public FakeAzureCli()
    {
        Directory.CreateDirectory(System.IO.Path.Combine(Folder.Path, "bin"));
        Directory.CreateDirectory(SecretsFolder);
        Directory.CreateDirectory(DeletedFolder);
        var az = Folder.Write(System.IO.Path.Combine("bin", "az"), Script.Replace("\r\n", "\n", StringComparison.Ordinal));
        File.SetUnixFileMode(az, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var azd = Folder.Write(System.IO.Path.Combine("bin", "azd"), "#!/bin/sh\necho \"$*\" >>\"$FAKE_AZ/azd-calls\"\n");
        File.SetUnixFileMode(azd, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private TempFolder Folder { get; } = new();

    public string SecretsFolder => Folder.PathOf("secrets");

    public string DeletedFolder => Folder.PathOf("deleted");

    /// <summary>Every call's arguments, one call a line.</summary>
    public IReadOnlyList<string> Calls => File.Exists(Folder.PathOf("calls")) ? File.ReadAllLines(Folder.PathOf("calls")) : [];

    /// <summary>Every azd call's arguments, one call a line.</summary>
    public IReadOnlyList<string> AzdCalls => File.Exists(Folder.PathOf("azd-calls")) ? File.ReadAllLines(Folder.PathOf("azd-calls")) : [];

    /// <summary>The evidence immutability policy: its state on the first line, its ETag on the second.</summary>
    public string EvidencePolicy
    {
        get => File.ReadAllText(Folder.PathOf("policy"));
        set => File.WriteAllText(Folder.PathOf("policy"), value);
    }

    /// <summary>The next <paramref name="count"/> calls fail as Key Vault does before a role assignment arrives.</summary>
    public void RefuseNext(int count) => File.WriteAllText(Folder.PathOf("refusals"), count.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public string? Secret(string name) => File.Exists(System.IO.Path.Combine(SecretsFolder, name)) ? File.ReadAllText(System.IO.Path.Combine(SecretsFolder, name)) : null;

    /// <summary>Runs <paramref name="script"/> with this az first on the PATH and <paramref name="environment"/> only.</summary>
    public (int ExitCode, string Output, string Error) Run(string script, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("sh") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.Environment.Clear();
        start.Environment["PATH"] = $"{Folder.PathOf("bin")}:/usr/bin:/bin";
        start.Environment["FAKE_AZ"] = Folder.Path;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.GetAwaiter().GetResult());
    }

    public void Dispose() => Folder.Dispose();
}
