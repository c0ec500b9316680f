using System.Text.Json;
using ServerlessIR.Core.Approvals;
using ServerlessIR.Core.Incidents;

namespace ServerlessIR.Core.Tests.Incidents;

public sealed class DualControlGuardTests
{
    private const string Incident = "inc-guard-1";

    private static readonly FalsePositiveDeclaredEvent FalsePositive = new(new FalsePositiveRequest("dpo@northwind.example", "Red-team exercise"));

    private static readonly FactsAmendedEvent Hold = new(new FactsAmendment
    {
        AmendedBy = "dpo@northwind.example",
        LawEnforcementHold = new LawEnforcementHold(["gdpr-art34"], "BKA Referat SO 41", "Notifying customers would alert the suspects"),
    });

    private static readonly FactsAmendedEvent Awareness = new(new FactsAmendment
    {
        AmendedBy = "dpo@northwind.example",
        AwareAt = new DateTimeOffset(2026, 11, 27, 8, 30, 0, TimeSpan.FromHours(1)),
    });

    private static DualApproval ApprovalOf(IncidentEvent seconded) => seconded switch
    {
        FalsePositiveDeclaredEvent fp => fp.Request.Approval!,
        FactsAmendedEvent facts => facts.Amendment.Approval!,
        _ => throw new ArgumentException("no approval", nameof(seconded)),
    };

    private static IncidentEvent WithApproval(IncidentEvent incidentEvent, DualApproval approval) => incidentEvent switch
    {
        FalsePositiveDeclaredEvent fp => new FalsePositiveDeclaredEvent(fp.Request with { Approval = approval }),
        FactsAmendedEvent facts => new FactsAmendedEvent(facts.Amendment with { Approval = approval }),
        _ => throw new ArgumentException("needs no approval", nameof(incidentEvent)),
    };

    public static TheoryData<string> NeedingTwo => ["false-positive", "hold", "awareness"];

    private static IncidentEvent Named(string name) => name switch
    {
        "false-positive" => FalsePositive,
        "hold" => Hold,
        _ => Awareness,
    };

    [Theory]
    [MemberData(nameof(NeedingTwo))]
    public void Refusal_NoApproval_NoSecondPerson(string name) =>
        Assert.Equal(EventRefusalReason.NoSecondPerson, DualControlGuard.Refusal(Incident, Named(name))?.Reason);

    [Theory]
    [MemberData(nameof(NeedingTwo))]
    public void Refusal_TwoDifferentPeopleForThisEvent_Accepted(string name) =>
        Assert.Null(DualControlGuard.Refusal(Incident, SecondedEvents.Seconded(Incident, Named(name))));

    [Fact]
    public void Refusal_SameObjectIdInOtherCase_SamePerson()
    {
        var second = new CallerIdentity("someone-else@northwind.example", SecondedEvents.Requester.ObjectId!.ToUpperInvariant());

        var refusal = DualControlGuard.Refusal(Incident, SecondedEvents.Seconded(Incident, FalsePositive, second: second));

        Assert.Equal(EventRefusalReason.SamePerson, refusal?.Reason);
    }

    [Fact]
    public void Refusal_SameNameWhereOneHasNoObjectId_SamePerson()
    {
        var seconded = SecondedEvents.Seconded(Incident, Hold);
        var approval = ApprovalOf(seconded) with { ApprovedBy = "DPO@Northwind.example", ApprovedByObjectId = "" };

        Assert.Equal(EventRefusalReason.SamePerson, DualControlGuard.Refusal(Incident, WithApproval(Hold, approval))?.Reason);
    }

    [Fact]
    public void Refusal_SameNameDifferentObjectIds_TwoPeople()
    {
        // Object IDs decide where both have one: a reused name does not make two people one.
        var second = new CallerIdentity(SecondedEvents.Requester.Name, "00000000-0000-0000-0000-0000000a0003");

        Assert.Null(DualControlGuard.Refusal(Incident, SecondedEvents.Seconded(Incident, Awareness, second: second)));
    }

    [Fact]
    public void Refusal_SecondPersonUnnamed_PersonUnnamed()
    {
        var approval = ApprovalOf(SecondedEvents.Seconded(Incident, FalsePositive)) with { ApprovedBy = " " };

        Assert.Equal(EventRefusalReason.PersonUnnamed, DualControlGuard.Refusal(Incident, WithApproval(FalsePositive, approval))?.Reason);
    }

    [Fact]
    public void Refusal_ApprovalOfAnotherHold_RequestMismatch()
    {
        // Seconded for a hold on Art. 34 only, then carried by a hold on every notice.
        var approval = ApprovalOf(SecondedEvents.Seconded(Incident, Hold));
        var wider = new FactsAmendedEvent(Hold.Amendment with { LawEnforcementHold = Hold.Amendment.LawEnforcementHold! with { Regimes = [] } });

        var refusal = DualControlGuard.Refusal(Incident, WithApproval(wider, approval));

        Assert.Equal(EventRefusalReason.RequestMismatch, refusal?.Reason);
        Assert.Contains(approval.RequestId, refusal!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Refusal_ApprovalFromAnotherIncident_RequestMismatch() =>
        Assert.Equal(EventRefusalReason.RequestMismatch,
            DualControlGuard.Refusal(Incident, SecondedEvents.Seconded("inc-other", FalsePositive))?.Reason);

    [Fact]
    public void Refusal_HoldApprovalOnFalsePositive_RequestMismatch()
    {
        var approval = ApprovalOf(SecondedEvents.Seconded(Incident, Hold));

        Assert.Equal(EventRefusalReason.RequestMismatch, DualControlGuard.Refusal(Incident, WithApproval(FalsePositive, approval))?.Reason);
    }

    [Fact]
    public void Refusal_RequesterSwappedForAnotherPerson_RequestMismatch()
    {
        // The request ID digests the requester: naming someone else as the asker does not fit it.
        var approval = ApprovalOf(SecondedEvents.Seconded(Incident, FalsePositive)) with
        {
            RequestedBy = "ciso@northwind.example",
            RequestedByObjectId = "00000000-0000-0000-0000-0000000a0003",
        };

        Assert.Equal(EventRefusalReason.RequestMismatch, DualControlGuard.Refusal(Incident, WithApproval(FalsePositive, approval))?.Reason);
    }

    [Fact]
    public void Refusal_FactsChangingOnlyTheAssessment_NeedNoSecondPerson() =>
        Assert.Null(DualControlGuard.Refusal(Incident, new FactsAmendedEvent(new FactsAmendment { AmendedBy = "dpo@northwind.example", SubjectCount = 30_000 })));

    [Fact]
    public void Refusal_SecondedEventAfterWireRoundTrip_StillAccepted()
    {
        // The durable client serializes the event and the orchestration reads it back: the digest must survive that.
        var seconded = SecondedEvents.Seconded(Incident, Awareness);
        var wire = JsonSerializer.Serialize(seconded);

        var read = JsonSerializer.Deserialize<IncidentEvent>(wire)!;

        Assert.IsType<FactsAmendedEvent>(read);
        Assert.Null(DualControlGuard.Refusal(Incident, read));
    }
}
