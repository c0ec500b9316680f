using System.Text.Json;
using Microsoft.DurableTask.Converters;
using ServerlessIR.Core.Approvals;
using ServerlessIR.Core.Incidents;

namespace ServerlessIR.Core.Tests.Incidents;

/// <summary>
/// Incident events on the wire as the durable client sends them: serialized by their runtime type (the client takes an
/// object), read back by the orchestrator as <see cref="IncidentEvent"/>.
/// </summary>
public sealed class IncidentEventTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, IncidentEvent> Events() => new()
    {
        { IncidentEvent.Kinds.Signal, new SignalJoinedEvent(TestSignals.Leak("sig-wire", At)) },
        { IncidentEvent.Kinds.Facts, new FactsAmendedEvent(new FactsAmendment { AmendedBy = "dpo@example.com", Jurisdictions = ["GB"], AwareAt = At }) },
        { IncidentEvent.Kinds.FalsePositive, new FalsePositiveDeclaredEvent(new FalsePositiveRequest("ciso@example.com", "red team")) },
        {
            IncidentEvent.Kinds.NoticeSubmitted, new NoticeSubmittedEvent(new ApprovalDecision
            {
                IncidentId = "inc-1", ActionId = "gdpr-art33", Tier = "dpo-review", Purpose = ApprovalPurpose.Notice,
                Outcome = ApprovalOutcome.Submitted, DecidedBy = "dpo@example.com", DecidedAt = At, TokenId = "t-1", NoticeId = "gdpr-art33-1",
            })
        },
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void Deserialize_SentByRuntimeTypeWithDurableConverter_SameSubtypeAndPayload(string kind, IncidentEvent sent)
    {
        var wire = JsonDataConverter.Default.Serialize(sent);

        var received = JsonDataConverter.Default.Deserialize<IncidentEvent>(wire);

        Assert.Equal(kind, JsonDocument.Parse(wire!).RootElement.GetProperty(IncidentEvent.KindProperty).GetString());
        Assert.Equal(sent.GetType(), received!.GetType());
        Assert.Equal(JsonSerializer.Serialize<object>(sent), JsonSerializer.Serialize<object>(received));
    }

    [Theory]
    [MemberData(nameof(Events))]
    public void Deserialize_SentWithWebDefaults_SameSubtype(string kind, IncidentEvent sent)
    {
        var wire = JsonSerializer.Serialize<object>(sent, JsonSerializerOptions.Web);

        var received = JsonSerializer.Deserialize<IncidentEvent>(wire, JsonSerializerOptions.Web);

        Assert.StartsWith($"{{\"kind\":\"{kind}\"", wire, StringComparison.Ordinal);
        Assert.Equal(sent.GetType(), received!.GetType());
    }

    [Fact]
    public void Deserialize_ShapeWithoutKind_PlainEventToBeIgnored()
    {
        var received = JsonDataConverter.Default.Deserialize<IncidentEvent>("""{"Kind":"signal","Json":"{}"}""");

        Assert.Equal(typeof(IncidentEvent), received!.GetType());
    }
}
