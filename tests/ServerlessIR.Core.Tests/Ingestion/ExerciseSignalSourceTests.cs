using System.Globalization;
using System.Text.Json;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Ingestion;
using ServerlessIR.Core.Ingestion.Correlation;
using ServerlessIR.Core.Ingestion.Sources;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Tests.Ingestion;

/// <summary>Exercise events: their own types, only from the playbook's trusted exercise sources, kept apart from real incidents.</summary>
public sealed class ExerciseSignalSourceTests
{
    private const string LeakData = """{"detectedAt":"2026-11-30T10:00:00Z","orgId":"northwind-prod","aiSystemId":"bnpl-credit-scoring","dataCategories":["contact"],"jurisdictions":["DE"],"estimatedSubjects":100,"summary":"leak"}""";

    private static readonly Playbook Playbook = PlaybookLoader.LoadDefault();

    private static ExerciseSignalSource Source(Playbook? playbook = null)
    {
        var provider = new StaticPlaybookProvider(playbook ?? Playbook);
        return new ExerciseSignalSource(provider, [new AiDataLeakSource(), new SalesforceEventMonitoringSource(provider)]);
    }

    private static IncomingEvent Event(string type, string source, string data = LeakData) =>
        new("x-1", source, type, DateTimeOffset.Parse("2026-11-30T10:00:00Z", CultureInfo.InvariantCulture), JsonDocument.Parse(data).RootElement, data);

    [Fact]
    public void TypeFor_OwnAndVendorTypes_ExerciseTypes()
    {
        Assert.Equal("ServerlessIR.Exercise.AiDataLeak.Detected", ExerciseEvents.TypeFor(AiDataLeakDetected.EventType));
        Assert.Equal("ServerlessIR.Exercise.Salesforce.EventMonitoring.ApiAnomalyEvent", ExerciseEvents.TypeFor("Salesforce.EventMonitoring.ApiAnomalyEvent"));
    }

    [Fact]
    public void Normalize_TrustedSource_ExerciseSignalMarked()
    {
        var signal = Source().Normalize(Event("ServerlessIR.Exercise.AiDataLeak.Detected", "/serverlessir/exercises/default"), new Pseudonymizer(new byte[32]), "p/1");

        Assert.True(signal.Exercise);
        Assert.Equal("bnpl-credit-scoring", signal.AiSystemId);
        Assert.StartsWith("EXERCISE: ", signal.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalize_UntrustedSource_RejectedNamingTheSource()
    {
        var ex = Assert.Throws<SignalRejectedException>(() =>
            Source().Normalize(Event("ServerlessIR.Exercise.AiDataLeak.Detected", "/drills/dlp-sensor"), new Pseudonymizer(new byte[32]), "p/1"));

        Assert.Contains("'/drills/dlp-sensor' is not a trusted exercise source", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalize_PlaybookNamesNoExerciseSource_EveryExerciseRejected()
    {
        var playbook = Playbook with { Exercise = new ExerciseSettings() };

        var ex = Assert.Throws<SignalRejectedException>(() =>
            Source(playbook).Normalize(Event("ServerlessIR.Exercise.AiDataLeak.Detected", "/serverlessir/exercises/default"), new Pseudonymizer(new byte[32]), "p/1"));

        Assert.Contains("names no trusted exercise source", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalize_SalesforceExerciseType_NormalizedByTheSalesforceSource()
    {
        const string record = """{"EventDate":"2026-11-30T10:00:00Z","EventIdentifier":"e-9","UserId":"0055g00000FRDint","Username":"fraud-integration@northwind.example","Score":0.9}""";

        var signal = Source().Normalize(Event("ServerlessIR.Exercise.Salesforce.EventMonitoring.ApiAnomalyEvent", "/serverlessir/exercises/salesforce-anomaly", record),
            new Pseudonymizer(new byte[32]), "p/1");

        Assert.True(signal.Exercise);
        Assert.Equal("checkout-fraud-scoring", signal.AiSystemId);
    }

    [Fact]
    public void Normalize_UnknownRealType_Rejected()
    {
        Assert.Throws<SignalRejectedException>(() =>
            Source().Normalize(Event("ServerlessIR.Exercise.Nothing.Known", "/serverlessir/exercises/x"), new Pseudonymizer(new byte[32]), "p/1"));
    }

    [Fact]
    public void CanNormalize_AzureMonitorShapedExerciseEvent_OnlyTheExerciseSourceTakesIt()
    {
        var incoming = Event("ServerlessIR.Exercise.Azure.Monitor", "/serverlessir/exercises/x", """{"schemaId":"azureMonitorCommonAlertSchema"}""");

        Assert.True(Source().CanNormalize(incoming));
        Assert.False(new AzureMonitorAlertSource(new StaticPlaybookProvider(Playbook)).CanNormalize(incoming));
    }

    [Fact]
    public void KeysAndIncidentId_ExerciseSignal_ApartFromRealIncidents()
    {
        var incoming = Event("ServerlessIR.Exercise.AiDataLeak.Detected", "/serverlessir/exercises/default");
        var exercise = Source().Normalize(incoming, new Pseudonymizer(new byte[32]), "p/1");
        var real = exercise with { Exercise = false };

        Assert.All(CorrelationRules.Keys(exercise), k => Assert.StartsWith("exercise:", k, StringComparison.Ordinal));
        Assert.Empty(CorrelationRules.Keys(exercise).Intersect(CorrelationRules.Keys(real)));
        Assert.StartsWith(ExerciseEvents.IncidentIdPrefix, CorrelationRules.IncidentIdFor(incoming, exercise), StringComparison.Ordinal);
        Assert.StartsWith("inc-", CorrelationRules.IncidentIdFor(incoming, real), StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_ExerciseSignal_TrustedAsAnExerciseSource()
    {
        var incoming = Event("ServerlessIR.Exercise.AiDataLeak.Detected", "/serverlessir/exercises/default");
        var signal = Source().Normalize(incoming, new Pseudonymizer(new byte[32]), "p/1");

        var (trust, reason) = SourceTrustClassifier.Classify(Playbook, incoming, signal);

        Assert.Equal(SourceTrust.Trusted, trust);
        Assert.Contains("exercise", reason, StringComparison.Ordinal);
    }
}
