using ServerlessIR.Core.Secrets;

namespace ServerlessIR.TestSupport.Fakes;

public sealed class FixedSecretStore(string value) : ISecretStore
{
    public Task<string> GetSecretAsync(string name, CancellationToken cancellationToken = default) => Task.FromResult(value);
}
