namespace ServerlessIR.Adapters.Storage;

/// <summary>Every table and blob container the pipeline uses, with the prefix applied: what start-up creates.</summary>
public sealed record StorageInventory(IReadOnlyList<string> Tables, IReadOnlyList<string> Containers);
