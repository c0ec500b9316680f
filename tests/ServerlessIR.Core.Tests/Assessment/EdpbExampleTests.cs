using ServerlessIR.Core.Assessment;
using ServerlessIR.Core.Playbooks;
using Xunit;

namespace ServerlessIR.Core.Tests.Assessment;

/// <summary>
/// Cases from EDPB Guidelines 01/2021 on examples regarding personal data breach notification, encoded as facts
/// with the notify / do-not-notify outcome the EDPB reached.
/// </summary>
public sealed class EdpbExampleTests
{
    private static readonly Playbook Playbook = PlaybookLoader.LoadDefault() with
    {
        Organisation = PlaybookLoader.LoadDefault().Organisation with { Nis2Entity = false },
    };

    private static AssessmentResult Assess(BreachFacts facts) => new BreachAssessor().Assess(facts, Playbook);

    [Fact]
    public void Assess_Case01RansomwareWithBackupNoExfiltration_NotifiesNobody()
    {
        // Data encrypted at rest by the controller, restored from backup within hours, no sign of exfiltration.
        var facts = new BreachFacts
        {
            AwareAt = Facts.AwareAt, Jurisdictions = ["DE"], DataCategories = ["contact"], SubjectCount = 2000,
            Unintelligible = true, Malicious = true, LossOfAvailability = true,
        };
        var result = Assess(facts);
        Assert.False(result.NotifySupervisoryAuthority);
        Assert.False(result.NotifyDataSubjects);
        Assert.Contains(result.Severity.Rationale, r => r.Contains("Art. 33(5)", StringComparison.Ordinal));
    }

    [Fact]
    public void Assess_Case03RansomwareInHospitalWithoutExfiltration_NotifiesAuthorityAndSubjects()
    {
        var facts = new BreachFacts
        {
            AwareAt = Facts.AwareAt, Jurisdictions = ["DE"], DataCategories = ["contact", "special-category"], SubjectCount = 5000,
            Malicious = true, LossOfAvailability = true,
        };
        var result = Assess(facts);
        Assert.True(result.NotifySupervisoryAuthority);
        Assert.True(result.NotifyDataSubjects);
    }

    [Fact]
    public void Assess_Case06ExfiltrationOfStrongHashedPasswords_NotifiesNobody()
    {
        var facts = new BreachFacts
        {
            AwareAt = Facts.AwareAt, Jurisdictions = ["DE"], DataCategories = ["credentials"], SubjectCount = 1200,
            Unintelligible = true, Malicious = true, LossOfConfidentiality = true,
        };
        var result = Assess(facts);
        Assert.False(result.NotifySupervisoryAuthority);
        Assert.False(result.NotifyDataSubjects);
    }

    [Fact]
    public void Assess_Case07CredentialStuffingOnBankingSite_NotifiesAuthorityAndSubjects()
    {
        var facts = new BreachFacts
        {
            AwareAt = Facts.AwareAt, Jurisdictions = ["DE"], DataCategories = ["contact", "credentials", "financial"], SubjectCount = 100_000,
            Malicious = true, LossOfConfidentiality = true,
        };
        var result = Assess(facts);
        Assert.True(result.NotifySupervisoryAuthority);
        Assert.True(result.NotifyDataSubjects);
    }

    [Fact]
    public void Assess_Case09AccidentalTransmissionToTrustedThirdParty_NotifiesNobody()
    {
        // An insurance agent received a customer list by mistake, confirmed deletion: contact data, known recipient.
        var facts = new BreachFacts
        {
            AwareAt = Facts.AwareAt, Jurisdictions = ["DE"], DataCategories = ["contact"], SubjectCount = 15,
            LossOfConfidentiality = true,
        };
        var result = Assess(facts);
        Assert.False(result.NotifySupervisoryAuthority);
        Assert.False(result.NotifyDataSubjects);
    }
}
