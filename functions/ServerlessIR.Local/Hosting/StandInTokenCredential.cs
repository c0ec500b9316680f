using Azure.Core;

namespace ServerlessIR.Local.Hosting;

/// <summary>
/// The bearer token the local host presents to its own stand-ins (the Key Vault keys stand-in): a fixed, meaningless value,
/// so the stand-in can insist on a token as the service does, without any real identity on this machine.
/// </summary>
public sealed class StandInTokenCredential : TokenCredential
{
    private static readonly AccessToken Token = new("stand-in-token", DateTimeOffset.MaxValue);

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => Token;

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => ValueTask.FromResult(Token);
}
