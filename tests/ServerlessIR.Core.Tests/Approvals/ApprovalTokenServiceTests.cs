using System.Buffers.Text;
using ServerlessIR.Core.Approvals;

namespace ServerlessIR.Core.Tests.Approvals;

public sealed class ApprovalTokenServiceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    private readonly ApprovalTokenService service = new(new FixedSecretStore(new string('k', 48)), new ApprovalTokenOptions());

    private Task<SignedApprovalToken> IssueAsync() =>
        service.IssueAsync("inc-1", "salesforce.freeze-user", "security-lead", ApprovalPurpose.Approval, Now.AddHours(1));

    [Fact]
    public async Task Validate_IssuedToken_IsValidWithSamePayload()
    {
        var token = await IssueAsync();
        var result = await service.ValidateAsync(token.Value, Now);
        Assert.Equal(ApprovalTokenStatus.Valid, result.Status);
        Assert.Equal(token.Payload, result.Token);
    }

    [Fact]
    public async Task Validate_FlippedPayloadByte_IsForged()
    {
        var token = await IssueAsync();
        var dot = token.Value.IndexOf('.', StringComparison.Ordinal);
        var payload = Base64Url.DecodeFromChars(token.Value.AsSpan(0, dot));
        payload[5] ^= 0x01;
        var tampered = Base64Url.EncodeToString(payload) + token.Value[dot..];
        Assert.Equal(ApprovalTokenStatus.Forged, (await service.ValidateAsync(tampered, Now)).Status);
    }

    [Fact]
    public async Task Validate_FlippedSignatureByte_IsForged()
    {
        var token = await IssueAsync();
        var dot = token.Value.IndexOf('.', StringComparison.Ordinal);
        var signature = Base64Url.DecodeFromChars(token.Value.AsSpan(dot + 1));
        signature[0] ^= 0x80;
        var tampered = token.Value[..(dot + 1)] + Base64Url.EncodeToString(signature);
        Assert.Equal(ApprovalTokenStatus.Forged, (await service.ValidateAsync(tampered, Now)).Status);
    }

    [Fact]
    public async Task Validate_TokenSignedWithKeyNotInTheSet_IsRefusedAsKeyRetired()
    {
        // A key we do not hold (rotated out, or never ours) names a key ID outside the set: nothing can check it.
        var other = new ApprovalTokenService(new FixedSecretStore(new string('x', 48)), new ApprovalTokenOptions());
        var token = await other.IssueAsync("inc-1", "a.b", "dpo", ApprovalPurpose.Approval, Now.AddHours(1));
        Assert.Equal(ApprovalTokenStatus.KeyRetired, (await service.ValidateAsync(token.Value, Now)).Status);
    }

    [Fact]
    public async Task Validate_OtherKeyClaimingOurKeyId_IsForged()
    {
        var ours = await IssueAsync();
        var other = new ApprovalTokenService(new FixedSecretStore(new string('x', 48)), new ApprovalTokenOptions());
        var theirs = await other.IssueAsync("inc-1", "a.b", "dpo", ApprovalPurpose.Approval, Now.AddHours(1));
        var dot = theirs.Value.IndexOf('.', StringComparison.Ordinal);
        var payload = System.Text.Json.Nodes.JsonNode.Parse(Base64Url.DecodeFromChars(theirs.Value.AsSpan(0, dot)))!;
        payload["kid"] = ours.Payload.KeyId;
        var relabelled = Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(payload.ToJsonString())) + theirs.Value[dot..];
        Assert.Equal(ApprovalTokenStatus.Forged, (await service.ValidateAsync(relabelled, Now)).Status);
    }

    [Fact]
    public async Task Validate_AfterExpiry_IsExpired()
    {
        var token = await IssueAsync();
        var result = await service.ValidateAsync(token.Value, Now.AddHours(1));
        Assert.Equal(ApprovalTokenStatus.Expired, result.Status);
        Assert.False(result.IsValid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-dot-here")]
    [InlineData("a.b.c")]
    [InlineData(".sig")]
    [InlineData("payload.")]
    [InlineData("pay!oad.sig")]
    public async Task Validate_Malformed_IsMalformed(string token) =>
        Assert.Equal(ApprovalTokenStatus.Malformed, (await service.ValidateAsync(token, Now)).Status);

    [Fact]
    public async Task Validate_OverlongToken_IsMalformed() =>
        Assert.Equal(ApprovalTokenStatus.Malformed, (await service.ValidateAsync(new string('a', 5000) + ".b", Now)).Status);

    [Fact]
    public async Task Issue_TwoTokens_HaveDistinctNonces()
    {
        var a = await IssueAsync();
        var b = await IssueAsync();
        Assert.NotEqual(a.Payload.TokenId, b.Payload.TokenId);
        Assert.NotEqual(a.Value, b.Value);
    }

    [Fact]
    public async Task ToString_NeverShowsTokenOrNonce()
    {
        var token = await IssueAsync();
        Assert.DoesNotContain(token.Value, token.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(token.Payload.Nonce, token.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(token.Payload.Nonce, token.Payload.ToString(), StringComparison.Ordinal);
        Assert.Contains("[redacted]", token.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue_NoticeWithoutNoticeId_Throws() =>
        await Assert.ThrowsAsync<ArgumentException>(() =>
            service.IssueAsync("inc-1", "notice", "dpo", ApprovalPurpose.Notice, Now.AddHours(1)));

    [Fact]
    public async Task Issue_ShortSigningKey_ThrowsWithoutShowingKey()
    {
        var weak = new ApprovalTokenService(new FixedSecretStore("short-secret"), new ApprovalTokenOptions());
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            weak.IssueAsync("inc-1", "a.b", "dpo", ApprovalPurpose.Approval, Now.AddHours(1)));
        Assert.DoesNotContain("short-secret", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LinkFor_NoticeToken_UsesNoticesRoute()
    {
        var token = await service.IssueAsync("inc-1", "notice", "dpo", ApprovalPurpose.Notice, Now.AddHours(1), "ntc-1");
        Assert.StartsWith("http://127.0.0.1:7071/.auth/login/aad?post_login_redirect_uri=/api/notices/", service.LinkFor(token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LinkFor_NoSignInPath_PointsStraightAtThePage()
    {
        var direct = new ApprovalTokenService(new FixedSecretStore(new string('k', 48)), new ApprovalTokenOptions { SignInPath = "" });
        var token = await direct.IssueAsync("inc-1", "salesforce.freeze-user", "security-lead", ApprovalPurpose.Approval, Now.AddHours(1));
        Assert.Equal("http://127.0.0.1:7071/api/approvals/" + token.Value, direct.LinkFor(token));
    }

    /// <summary>A secret store whose values a test changes, as an operator rotating the key in Key Vault would.</summary>
    private sealed class RotatingSecrets : Secrets.ISecretStore
    {
        public Dictionary<string, string> Values { get; } = new() { ["approval-signing-key"] = new string('a', 40) };

        public Task<string> GetSecretAsync(string name, CancellationToken cancellationToken = default) =>
            Values.TryGetValue(name, out var value) ? Task.FromResult(value) : throw new KeyNotFoundException(name);
    }

    [Fact]
    public async Task Rotation_OldLinkStillValidNewLinkCarriesNewKeyIdAndNoRestartNeeded()
    {
        var secrets = new RotatingSecrets();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now);
        var rotating = new ApprovalTokenService(secrets, new ApprovalTokenOptions { KeyCacheSeconds = 60 }, clock);
        var before = await rotating.IssueAsync("inc-1", "salesforce.freeze-user", "security-lead", ApprovalPurpose.Approval, Now.AddHours(1));

        secrets.Values["approval-signing-key-previous"] = secrets.Values["approval-signing-key"];
        secrets.Values["approval-signing-key"] = new string('b', 40);
        clock.Advance(TimeSpan.FromSeconds(61));
        var after = await rotating.IssueAsync("inc-1", "salesforce.freeze-user", "security-lead", ApprovalPurpose.Approval, Now.AddHours(1));

        Assert.Equal(ApprovalSigningKeys.KeyIdOf(System.Text.Encoding.UTF8.GetBytes(new string('a', 40))), before.Payload.KeyId);
        Assert.Equal(ApprovalSigningKeys.KeyIdOf(System.Text.Encoding.UTF8.GetBytes(new string('b', 40))), after.Payload.KeyId);
        Assert.Equal(ApprovalTokenStatus.Valid, (await rotating.ValidateAsync(before.Value, Now)).Status);
        Assert.Equal(ApprovalTokenStatus.Valid, (await rotating.ValidateAsync(after.Value, Now)).Status);
    }

    [Fact]
    public async Task Rotation_KeyRetiredFromTheSet_OldLinkRefusedAsKeyRetired()
    {
        var secrets = new RotatingSecrets();
        var rotating = new ApprovalTokenService(secrets, new ApprovalTokenOptions { KeyCacheSeconds = 0 });
        var old = await rotating.IssueAsync("inc-1", "salesforce.freeze-user", "security-lead", ApprovalPurpose.Approval, Now.AddHours(1));

        // Two rotations: 'a' signed, 'b' replaced it, 'c' replaced 'b'; 'a' is in neither slot any more.
        secrets.Values["approval-signing-key-previous"] = new string('b', 40);
        secrets.Values["approval-signing-key"] = new string('c', 40);

        Assert.Equal(ApprovalTokenStatus.KeyRetired, (await rotating.ValidateAsync(old.Value, Now)).Status);
    }

    [Fact]
    public async Task Rotation_WithinCacheTtl_KeepsSigningWithTheKeyItRead()
    {
        var secrets = new RotatingSecrets();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now);
        var rotating = new ApprovalTokenService(secrets, new ApprovalTokenOptions { KeyCacheSeconds = 60 }, clock);
        var first = await rotating.IssueAsync("inc-1", "a.b", "t", ApprovalPurpose.Approval, Now.AddHours(1));
        secrets.Values["approval-signing-key"] = new string('b', 40);
        clock.Advance(TimeSpan.FromSeconds(30));
        var second = await rotating.IssueAsync("inc-1", "a.b", "t", ApprovalPurpose.Approval, Now.AddHours(1));
        Assert.Equal(first.Payload.KeyId, second.Payload.KeyId);
    }
}
