using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using ServerlessIR.Adapters.Containment;
using ServerlessIR.Core.Containment;
using ServerlessIR.Core.Salesforce;
using ServerlessIR.Local.Hosting;
using ServerlessIR.StandIns.Salesforce;
using ServerlessIR.Local.Tests.Hosting;

namespace ServerlessIR.Local.Tests.Containment;

/// <summary>
/// Each containment activity through the real adapters (SalesforceRestClient, the signed HTTP switch and issuer, blob records on
/// Azurite) against the stand-ins over HTTP: happy path, already-done path, failures, and compensation round trips.
/// </summary>
[Trait("Category", "Storage")]
[Collection(LocalPipelineCollection.Name)]
public sealed class ContainmentActivityTests
{
    private readonly LocalPipelineFixture fixture;

    /// <summary>Every test starts from the seeded estate: the tests of this collection share one stand-in.</summary>
    public ContainmentActivityTests(LocalPipelineFixture fixture)
    {
        this.fixture = fixture;
        Salesforce.Seed(Pipeline.Playbook);
        Salesforce.SeedContainment(Pipeline.Playbook);
        Pipeline.AiFeatures!.SeedFrom(Pipeline.Playbook);
    }

    // The BNPL system: the pipeline tests contain the fraud one, and these tests must start from a state nobody acted on.
    private const string System = "bnpl-credit-scoring";
    private LocalPipeline Pipeline => fixture.Pipeline;
    private SalesforceStandInState Salesforce => Pipeline.Salesforce!;

    private static ContainmentRequest Request(string action) =>
        new("it-" + Guid.NewGuid().ToString("N")[..12], 1, action, "northwind-prod", System, null, DateTimeOffset.UtcNow.AddHours(-2), DateTimeOffset.UtcNow);

    private Task<ContainmentOutcome> Run<TActivity>(ContainmentRequest request) where TActivity : TaskActivity<ContainmentRequest, ContainmentOutcome> =>
        ActivatorUtilities.CreateInstance<TActivity>(Pipeline.Services).RunAsync(null!, request);

    private Task<ContainmentOutcome> Undo<TActivity>(ContainmentRequest request, ContainmentOutcome outcome) where TActivity : TaskActivity<ContainmentCompensation, ContainmentOutcome> =>
        ActivatorUtilities.CreateInstance<TActivity>(Pipeline.Services).RunAsync(null!, new ContainmentCompensation(request, outcome.Undo));

    private int EffectCount() => Salesforce.Effects.Count;

    [Fact]
    public async Task FreezeUser_ThenUnfreeze_StandInStateRestoredAndRetryAppliesNothing()
    {
        var before = Salesforce.ContainmentSnapshot().ToJsonString();
        var request = Request(ContainmentActions.FreezeUser);
        var first = await Run<FreezeSalesforceUserActivity>(request);
        var effects = EffectCount();
        var retry = await Run<FreezeSalesforceUserActivity>(request);

        Assert.Equal(ContainmentStatus.Succeeded, first.Status);
        Assert.Equal(ContainmentStatus.AlreadyDone, retry.Status);
        Assert.Equal(effects, EffectCount());
        Assert.False((bool)retry.Undo!["wasFrozen"]!);
        Assert.Contains(Salesforce.Effects, e => e.Kind == "UserLogin.IsFrozen=true");

        var undo = await Undo<UnfreezeSalesforceUserActivity>(request, retry);
        var undoAgain = await Undo<UnfreezeSalesforceUserActivity>(request, retry);
        Assert.Equal(ContainmentStatus.Succeeded, undo.Status);
        Assert.Equal(ContainmentStatus.AlreadyDone, undoAgain.Status);
        Assert.Equal(before, Salesforce.ContainmentSnapshot().ToJsonString());
    }

    [Fact]
    public async Task RemoveAiPermissions_ThenRestore_SameAssignmentsAndUnrelatedOneKept()
    {
        string Pairs() => string.Join(";", Salesforce.ContainmentSnapshot()["PermissionSetAssignment"]!.AsArray()
            .Select(a => $"{a!["AssigneeId"]}:{a["PermissionSetId"]}").Order(StringComparer.Ordinal));
        var before = Pairs();
        var request = Request(ContainmentActions.RemoveAiPermissions);
        var removed = await Run<RemoveSalesforceAiPermissionsActivity>(request);
        var deletes = Salesforce.Effects.Count(e => e.Kind == "delete PermissionSetAssignment");
        var retry = await Run<RemoveSalesforceAiPermissionsActivity>(request);

        Assert.Equal(ContainmentStatus.Succeeded, removed.Status);
        Assert.Equal(2, (int)removed.After!["removed"]!);
        Assert.Equal(ContainmentStatus.AlreadyDone, retry.Status);
        Assert.Equal(deletes, Salesforce.Effects.Count(e => e.Kind == "delete PermissionSetAssignment"));
        Assert.Equal(2, retry.Undo!["assignments"]!.AsArray().Count);
        Assert.NotEqual(before, Pairs());

        var restored = await Undo<RestoreSalesforceAiPermissionsActivity>(request, retry);
        var restoredAgain = await Undo<RestoreSalesforceAiPermissionsActivity>(request, retry);
        Assert.Equal(ContainmentStatus.Succeeded, restored.Status);
        Assert.Equal(ContainmentStatus.AlreadyDone, restoredAgain.Status);
        Assert.Equal(before, Pairs());
    }

    [Fact]
    public async Task EnableBreakGlassPolicy_ThenDisable_PolicyBackToPriorState()
    {
        // The policy is per org, so a pipeline test may have enabled it: start from the staged (off) state.
        Salesforce.Objects(o => o["TransactionSecurityPolicy"].Values.Select(p => p["State"] = "Disabled").ToList());
        var before = Salesforce.ContainmentSnapshot()["TransactionSecurityPolicy"]!.ToJsonString();
        var enables = Salesforce.Effects.Count(e => e.Kind == "TransactionSecurityPolicy.State=Enabled");
        var request = Request(ContainmentActions.EnableBreakGlassPolicy);
        var enabled = await Run<EnableBreakGlassPolicyActivity>(request);
        var retry = await Run<EnableBreakGlassPolicyActivity>(request);

        Assert.Equal(ContainmentStatus.Succeeded, enabled.Status);
        Assert.Equal(ContainmentStatus.AlreadyDone, retry.Status);
        Assert.Equal("Disabled", (string?)retry.Undo!["priorState"]);
        Assert.Equal(enables + 1, Salesforce.Effects.Count(e => e.Kind == "TransactionSecurityPolicy.State=Enabled"));

        await Undo<DisableBreakGlassPolicyActivity>(request, retry);
        Assert.Equal(before, Salesforce.ContainmentSnapshot()["TransactionSecurityPolicy"]!.ToJsonString());
    }

    [Fact]
    public async Task EndSessions_TwiceForOneStep_SessionsDeletedOnce()
    {
        var request = Request(ContainmentActions.EndSessions);
        var first = await Run<EndSalesforceSessionsActivity>(request);
        var deletes = Salesforce.Effects.Count(e => e.Kind == "delete AuthSession");
        var second = await Run<EndSalesforceSessionsActivity>(request);

        Assert.True(first.Status is ContainmentStatus.Succeeded or ContainmentStatus.AlreadyDone);
        Assert.Equal(ContainmentStatus.AlreadyDone, second.Status);
        Assert.Equal(deletes, Salesforce.Effects.Count(e => e.Kind == "delete AuthSession"));
        Assert.Null(ContainmentActions.CompensationFor(ContainmentActions.EndSessions));
    }

    [Fact]
    public async Task PreserveEventLogs_Retry_WritesOneBlobWithOnlyTheIntegrationUsersRows()
    {
        var request = Request(ContainmentActions.PreserveEventLogs);
        var first = await Run<PreserveSalesforceEventLogsActivity>(request);
        var retry = await Run<PreserveSalesforceEventLogsActivity>(request);

        Assert.Equal(ContainmentStatus.Succeeded, first.Status);
        Assert.Equal(ContainmentStatus.AlreadyDone, retry.Status);
        Assert.Equal(2, (int)first.After!["rows"]!);
        var blob = Pipeline.Services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(Pipeline.Services.GetRequiredService<ContainmentOptions>().EvidenceContainer)
            .GetBlobClient(PreserveSalesforceEventLogsActivity.BlobName(request));
        var lines = (await blob.DownloadContentAsync()).Value.Content.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => Assert.DoesNotContain("005000000000999", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RotateSecret_Retry_IssuesOnceWritesOneVersionAndDisablesTheLeakedOne()
    {
        const string secret = "bnpl-scoring-connector-consumer-secret";
        var leaked = Pipeline.SecretVault.Versions(secret).Where(v => v.Enabled).Select(v => v.Version).ToList();
        var rotations = Salesforce.Effects.Count(e => e.Kind == "rotate-secret" && e.Target == secret);
        var request = Request(ContainmentActions.RotateSecret);
        var first = await Run<RotateKeyVaultSecretActivity>(request);
        var retry = await Run<RotateKeyVaultSecretActivity>(request);

        Assert.Equal(ContainmentStatus.Succeeded, first.Status);
        Assert.Equal(ContainmentStatus.AlreadyDone, retry.Status);
        var versions = Pipeline.SecretVault.Versions(secret);
        var current = Assert.Single(versions, v => v.Enabled);
        Assert.Equal($"{request.IdempotencyKey}/{secret}", current.Tags[RotateKeyVaultSecretActivity.RotationTag]);
        Assert.All(leaked, v => Assert.False(versions.Single(x => x.Version == v).Enabled));
        Assert.Equal(rotations + 1, Salesforce.Effects.Count(e => e.Kind == "rotate-secret" && e.Target == secret));
        Assert.True(Salesforce.IsCurrentConsumerSecret(secret, Pipeline.SecretVault.CurrentValue(secret)!));
        Assert.DoesNotContain(Pipeline.SecretVault.CurrentValue(secret)!, first.After!.ToJsonString() + first.Before!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fallback_ProbeUnhealthy_HoldsAsPermanentFailureAndLeavesPrimary()
    {
        var features = Pipeline.AiFeatures!;
        features.UnhealthyFallback[System] = true;
        try
        {
            var ex = await Assert.ThrowsAsync<ContainmentHeldException>(() => Run<SwitchAiFeatureToFallbackActivity>(Request(ContainmentActions.AiFeatureFallback)));
            Assert.StartsWith("Held:", ex.Message, StringComparison.Ordinal);
            Assert.Equal("model", features.Modes[System]);
        }
        finally
        {
            features.UnhealthyFallback[System] = false;
        }
    }

    [Fact]
    public async Task Fallback_ThenPrimary_SwitchesOnceAndBack()
    {
        var features = Pipeline.AiFeatures!;
        var request = Request(ContainmentActions.AiFeatureFallback);
        var first = await Run<SwitchAiFeatureToFallbackActivity>(request);
        var retry = await Run<SwitchAiFeatureToFallbackActivity>(request);

        Assert.Equal(ContainmentStatus.Succeeded, first.Status);
        Assert.Equal(ContainmentStatus.AlreadyDone, retry.Status);
        Assert.Equal("manual-review", features.Modes[System]);
        var undo = await Undo<SwitchAiFeatureToPrimaryActivity>(request, retry);
        Assert.Equal(ContainmentStatus.Succeeded, undo.Status);
        Assert.Equal("model", features.Modes[System]);
    }

    [Fact]
    public async Task Freeze_RateLimited_FailsTransient()
    {
        Salesforce.Faults = new StandInFaults { RateLimited = true };
        try
        {
            var ex = await Assert.ThrowsAsync<SalesforceApiException>(() => Run<FreezeSalesforceUserActivity>(Request(ContainmentActions.FreezeUser)));
            Assert.True(ex.IsTransient);
            Assert.Equal("REQUEST_LIMIT_EXCEEDED", ex.ErrorCode);
        }
        finally
        {
            Salesforce.Faults = new StandInFaults();
        }
    }

    [Fact]
    public async Task Freeze_UnknownIntegrationUser_FailsPermanent()
    {
        var request = Request(ContainmentActions.FreezeUser) with { AiSystemId = "no-such-system" };
        await Assert.ThrowsAsync<PermanentContainmentException>(() => Run<FreezeSalesforceUserActivity>(request));
    }

    [Fact]
    public async Task Query_MalformedSoql_FailsPermanentWithSalesforceErrorCode()
    {
        var client = Pipeline.Services.GetRequiredService<ISalesforceClientFactory>().ForOrg("northwind-prod");
        var ex = await Assert.ThrowsAsync<SalesforceApiException>(() => client.QueryAsync("DELETE EVERYTHING"));
        Assert.False(ex.IsTransient);
        Assert.Equal("MALFORMED_QUERY", ex.ErrorCode);
    }

    [Fact]
    public void CompensationFor_EachAction_ReversibleOnesNamed()
    {
        Assert.Equal(nameof(UnfreezeSalesforceUserActivity), ContainmentActions.CompensationFor(ContainmentActions.FreezeUser));
        Assert.Equal(nameof(RestoreSalesforceAiPermissionsActivity), ContainmentActions.CompensationFor(ContainmentActions.RemoveAiPermissions));
        Assert.Equal(nameof(DisableBreakGlassPolicyActivity), ContainmentActions.CompensationFor(ContainmentActions.EnableBreakGlassPolicy));
        Assert.Equal(nameof(SwitchAiFeatureToPrimaryActivity), ContainmentActions.CompensationFor(ContainmentActions.AiFeatureFallback));
        Assert.Null(ContainmentActions.CompensationFor(ContainmentActions.RevokeOAuthTokens));
        Assert.Null(ContainmentActions.CompensationFor(ContainmentActions.RotateSecret));
        Assert.Null(ContainmentActions.CompensationFor(ContainmentActions.PreserveEventLogs));
        Assert.Throws<ArgumentException>(() => ContainmentActions.CompensationFor("salesforce.nope"));
    }
}
