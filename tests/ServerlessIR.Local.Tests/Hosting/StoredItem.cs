namespace ServerlessIR.Local.Tests.Hosting;

/// <summary>One table row or blob of a pipeline's storage, as text: where it is, the container for a blob, and its content.</summary>
public sealed record StoredItem(string Where, string? Container, string Text);
