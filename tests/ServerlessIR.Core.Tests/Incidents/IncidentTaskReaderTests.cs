using ServerlessIR.Core.Incidents;

namespace ServerlessIR.Core.Tests.Incidents;

public sealed class IncidentTaskReaderTests
{
    [Fact]
    public void ReadNew_AllFields_TaskOpenWithUtcDue()
    {
        var (task, errors) = IncidentTaskReader.ReadNew(
            """{"title":"Rotate the certificate","owner":"sam@northwind.example","due":"2026-12-01T14:00:00+02:00","aiSystem":"bnpl-credit-scoring"}""", "t-1", "dpo");

        Assert.Empty(errors);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero), task!.Due);
        Assert.Equal(TimeSpan.Zero, task.Due.Offset);
        Assert.Equal(IncidentTaskStatus.Open, task.Status);
        Assert.Equal("person", task.Source);
    }

    [Theory]
    [InlineData("""{"owner":"sam@northwind.example","due":"2026-12-01T12:00:00Z"}""", "title:")]
    [InlineData("""{"title":"x","owner":"sam","due":"2026-12-01T12:00:00Z"}""", "owner:")]
    [InlineData("""{"title":"x","owner":"sam@northwind.example"}""", "due:")]
    [InlineData("""{"title":"x","owner":"sam@northwind.example","due":"9999-12-01T12:00:00Z"}""", "due:")]
    [InlineData("""{"title":"x","owner":"sam@northwind.example","due":"2026-12-01T12:00:00Z","priority":1}""", "$.priority")]
    [InlineData("""{"title":"a\nb","owner":"sam@northwind.example","due":"2026-12-01T12:00:00Z"}""", "title:")]
    public void ReadNew_BadField_ErrorNamesIt(string json, string field)
    {
        var (task, errors) = IncidentTaskReader.ReadNew(json, "t-1", "dpo");

        Assert.Null(task);
        Assert.Contains(errors, e => e.StartsWith(field, StringComparison.Ordinal));
    }

    [Fact]
    public void ReadResolution_WaivedWithoutReason_ErrorNamesReason()
    {
        var (resolution, errors) = IncidentTaskReader.ReadResolution("""{"status":"waived"}""", "t-1", "dpo");

        Assert.Null(resolution);
        Assert.StartsWith("reason:", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void ReadResolution_UnknownStatus_ErrorNamesStatus()
    {
        var (_, errors) = IncidentTaskReader.ReadResolution("""{"status":"closed"}""", "t-1", "dpo");

        Assert.StartsWith("status:", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void ReadResolution_DoneWithoutReason_Accepted()
    {
        var (resolution, errors) = IncidentTaskReader.ReadResolution("""{"status":"done"}""", "t-1", "dpo");

        Assert.Empty(errors);
        Assert.Equal(IncidentTaskStatus.Done, resolution!.Status);
        Assert.Null(resolution.Reason);
    }
}
