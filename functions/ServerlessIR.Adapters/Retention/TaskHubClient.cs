using Microsoft.DurableTask.Client;

namespace ServerlessIR.Adapters.Retention;

/// <summary>A durable task hub to sweep, with the client that reaches it.</summary>
/// <param name="Name">The hub's name as the sweep record shows it; null for the app's own (the Functions binding's) hub.</param>
/// <param name="Client">The client, per call: in the Functions app a <c>[DurableClient]</c> binding, never a service.</param>
public sealed record TaskHubClient(string? Name, DurableTaskClient Client);
