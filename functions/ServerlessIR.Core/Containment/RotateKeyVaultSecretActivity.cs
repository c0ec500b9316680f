using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Containment;

/// <summary>
/// <c>keyvault.rotate-secret</c>: for each secret the playbook lists for the AI system, obtains a fresh credential from its
/// issuer through the rotation hook (so the leaked one stops working at its source), stores it as a new Key Vault version
/// tagged with the idempotency key, then disables every other version.
/// </summary>
/// <remarks>
/// Runs at least once. A retry finds the tagged version and does not ask the issuer again or write another version; the
/// issuer also answers a repeated idempotency key with the same credential. Irreversible by design: the leaked credential
/// must stay dead even when the alert was false. Secret values never appear in the outcome, logs or exceptions.
/// </remarks>
[DurableTask(nameof(RotateKeyVaultSecretActivity))]
public sealed class RotateKeyVaultSecretActivity(IPlaybookProvider playbooks, ICredentialIssuer issuer, ISecretVault vault)
    : TaskActivity<ContainmentRequest, ContainmentOutcome>
{
    /// <summary>The Key Vault tag that carries the idempotency key of the rotation that wrote a version.</summary>
    public const string RotationTag = "serverlessir-rotation";

    public override async Task<ContainmentOutcome> RunAsync(TaskActivityContext context, ContainmentRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        SalesforceTargets.RefuseOutsideSalesforceInExercise(input, "the production Key Vault");
        var system = SalesforceTargets.System(playbooks, input);
        var rotations = system.Integration?.RotateSecrets ?? [];
        if (rotations.Count == 0)
        {
            throw new PermanentContainmentException($"AI system '{system.Id}' lists no secrets to rotate in the playbook.");
        }
        var before = new JsonObject();
        var after = new JsonObject();
        var rotatedNow = 0;
        foreach (var rotation in rotations)
        {
            var key = $"{input.IdempotencyKey}/{rotation.Secret}";
            var version = await vault.FindVersionByTagAsync(rotation.Secret, RotationTag, key);
            var issued = version is null;
            if (version is null)
            {
                var fresh = await issuer.IssueAsync(rotation, key);
                version = await vault.SetAsync(rotation.Secret, fresh, new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    [RotationTag] = key,
                    ["serverlessir-incident"] = input.IncidentId,
                    ["serverlessir-step"] = input.Step.ToString(CultureInfo.InvariantCulture),
                });
            }
            var disabled = await vault.DisableAllExceptAsync(rotation.Secret, version);
            rotatedNow += issued || disabled.Count > 0 ? 1 : 0;
            before[rotation.Secret] = new JsonObject { ["versionsDisabled"] = new JsonArray([.. disabled.Select(v => (JsonNode?)JsonValue.Create(v))]) };
            after[rotation.Secret] = new JsonObject { ["currentVersion"] = version, ["issuedNow"] = issued };
        }
        return new ContainmentOutcome(input.Action, rotatedNow == 0 ? ContainmentStatus.AlreadyDone : ContainmentStatus.Succeeded,
            $"{rotations.Count} secret(s) rotated at their issuer; earlier versions disabled", before, after);
    }
}
