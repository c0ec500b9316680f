using System.Text.Json.Nodes;
using ServerlessIR.Core.Evidence;

namespace ServerlessIR.Core.Tests.Evidence;

public sealed class EvidenceSanitizerTests
{
    private const string Token = "00Dxx!SECRETTOKEN";
    private const string Email = "jane.doe@example.com";
    private static readonly Pseudonymizer Pseudonymizer = new(Enumerable.Repeat((byte)7, 32).ToArray());
    private readonly EvidenceSanitizer sanitizer = new(Pseudonymizer);

    [Fact]
    public void Sanitize_SecretNamedMembers_Redacted()
    {
        var entry = Entry(new JsonObject
        {
            ["accessToken"] = Token,
            ["client_secret"] = "s3cr3t",
            ["Password"] = "hunter2",
            ["authorization"] = "Bearer abc.def",
            ["apiKey"] = "k-123",
            ["code"] = 123456,
            ["nested"] = new JsonObject { ["refresh-token"] = new JsonObject { ["value"] = "x" } },
            ["tokensRevoked"] = 3,
        });

        var payload = sanitizer.Sanitize(entry).Payload!;

        Assert.Equal(EvidenceSanitizer.Redacted, (string?)payload["accessToken"]);
        Assert.Equal(EvidenceSanitizer.Redacted, (string?)payload["client_secret"]);
        Assert.Equal(EvidenceSanitizer.Redacted, (string?)payload["Password"]);
        Assert.Equal(EvidenceSanitizer.Redacted, (string?)payload["authorization"]);
        Assert.Equal(EvidenceSanitizer.Redacted, (string?)payload["apiKey"]);
        Assert.Equal(EvidenceSanitizer.Redacted, (string?)payload["code"]);
        Assert.Equal(EvidenceSanitizer.Redacted, (string?)payload["nested"]!["refresh-token"]);
        Assert.Equal(3, (int)payload["tokensRevoked"]!);
    }

    [Fact]
    public void Sanitize_SecretInFreeText_Redacted()
    {
        var entry = new EvidenceEntry("containment.succeeded", "system", $"revoked session {Token} and header Bearer eyJabc.eyJdef.sig", TestChain.Start,
            new JsonObject { ["note"] = $"token was {Token}" });

        var clean = sanitizer.Sanitize(entry);

        Assert.DoesNotContain("SECRETTOKEN", clean.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJabc", clean.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRETTOKEN", clean.Payload!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Sanitize_MarkedIdentifier_Pseudonymized()
    {
        var entry = Entry(new JsonObject { ["subject"] = new JsonObject { [EvidenceSanitizer.PiiMarker] = "003xx000004TmiQ" } });

        var payload = sanitizer.Sanitize(entry).Payload!;

        Assert.Equal(Pseudonymizer.Pseudonymize("003xx000004TmiQ"), (string?)payload["subject"]);
    }

    [Fact]
    public void Sanitize_IdentifierFieldsAndEmails_Pseudonymized()
    {
        var entry = new EvidenceEntry("signal.received", "source:salesforce", $"export by {Email}", TestChain.Start, new JsonObject
        {
            ["contactId"] = "003xx000004TmiQ",
            ["customers"] = new JsonArray("a@example.org", Email),
            ["detail"] = $"customer {Email} affected",
        });

        var clean = sanitizer.Sanitize(entry);
        var text = clean.Summary + clean.Payload!.ToJsonString();

        Assert.DoesNotContain(Email, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("003xx000004TmiQ", text, StringComparison.Ordinal);
        Assert.Contains(Pseudonymizer.Pseudonymize(Email), clean.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Sanitize_AccountableMember_KeepsApproverAddress()
    {
        var entry = Entry(new JsonObject { ["by"] = "dpo@contoso.example", ["decision"] = "Approved" });

        Assert.Equal("dpo@contoso.example", (string?)sanitizer.Sanitize(entry).Payload!["by"]);
    }

    [Fact]
    public void Sanitize_Twice_SameResult()
    {
        var entry = new EvidenceEntry("k", "system", $"mail {Email}, call +44 20 7946 0958", TestChain.Start,
            new JsonObject { ["token"] = Token, ["email"] = Email, ["phone"] = "+44 20 7946 0958", ["note"] = "card 4111 1111 1111 1111" });

        var once = sanitizer.Sanitize(entry);
        var twice = sanitizer.Sanitize(once);

        Assert.Equal(once.Summary, twice.Summary);
        Assert.Equal(JsonCanonicalizer.Canonicalize(once.Payload), JsonCanonicalizer.Canonicalize(twice.Payload));
    }

    [Fact]
    public void Sanitize_PhonesCardsAndIbansInFreeText_PseudonymizedOrMasked()
    {
        var entry = new EvidenceEntry("signal.received", "source:azure-monitor", "caller +49 30 12345678 paid with 4111 1111 1111 1111", TestChain.Start,
            new JsonObject { ["detail"] = "refund to DE89 3704 0044 0532 0130 00, call +49-30-12345678" });

        var clean = sanitizer.Sanitize(entry);
        var text = clean.Summary + clean.Payload!.ToJsonString();

        Assert.DoesNotContain("12345678", text, StringComparison.Ordinal);
        Assert.DoesNotContain("4111", text, StringComparison.Ordinal);
        Assert.DoesNotContain("3704", text, StringComparison.Ordinal);
        Assert.Contains("[card]", clean.Summary, StringComparison.Ordinal);
        Assert.Contains("[iban]", (string?)clean.Payload!["detail"], StringComparison.Ordinal);
        // One line, one pseudonym, however it was spaced.
        var pseudonym = Pseudonymizer.Pseudonymize("+493012345678");
        Assert.Contains(pseudonym, clean.Summary, StringComparison.Ordinal);
        Assert.Contains(pseudonym, (string?)clean.Payload["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public void Sanitize_AccountableMemberWithCardNumber_KeepsAddressMasksCard()
    {
        var entry = Entry(new JsonObject { ["requestedBy"] = "officer@police.example, +49 30 12345678, card 4111-1111-1111-1111" });

        var by = (string?)sanitizer.Sanitize(entry).Payload!["requestedBy"];

        Assert.Equal("officer@police.example, +49 30 12345678, card [card]", by);
    }

    [Fact]
    public void Sanitize_IdentifierFieldHoldingAPseudonym_LeftAsItIs()
    {
        var pseudonym = Pseudonymizer.Pseudonymize("003xx000004TmiQ");

        var payload = sanitizer.Sanitize(Entry(new JsonObject { ["contactId"] = pseudonym })).Payload!;

        Assert.Equal(pseudonym, (string?)payload["contactId"]);
    }

    private static EvidenceEntry Entry(JsonObject payload) => new("test.kind", "system", "summary", TestChain.Start, payload);
}
