using Microsoft.Extensions.Options;

namespace ServerlessIR.Adapters.Configuration;

/// <summary>Fails <see cref="ResolvedSettings"/> with one message naming each unresolved Key Vault reference's secret.</summary>
internal sealed class ResolvedSettingsValidator : IValidateOptions<ResolvedSettings>
{
    public ValidateOptionsResult Validate(string? name, ResolvedSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return KeyVaultReferences.FailureMessage(options.Unresolved) is { } message
            ? ValidateOptionsResult.Fail(message)
            : ValidateOptionsResult.Success;
    }
}
