namespace ServerlessIR.Local.Commands;

/// <summary>A command line that cannot be run; exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
