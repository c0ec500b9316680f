using System.Text.Json;
using ServerlessIR.Core.Ingestion;

namespace ServerlessIR.Core.Tests.Ingestion;

/// <summary>Reads the vendor-shaped samples in <c>Samples/Ingestion</c> into the envelope-neutral <see cref="IncomingEvent"/>.</summary>
internal static class IngestionSamples
{
    public static IncomingEvent Load(string file)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "Ingestion", file));
        using var doc = JsonDocument.Parse(text);
        var item = doc.RootElement.ValueKind == JsonValueKind.Array ? doc.RootElement[0] : doc.RootElement;
        var cloud = item.TryGetProperty("specversion", out _);
        return new IncomingEvent(
            item.GetProperty("id").GetString()!,
            cloud ? item.GetProperty("source").GetString()! : item.GetProperty("topic").GetString() + "/" + item.GetProperty("subject").GetString(),
            item.GetProperty(cloud ? "type" : "eventType").GetString()!,
            null,
            item.GetProperty("data").Clone(),
            item.GetRawText());
    }

    public static IncomingEvent WithData(IncomingEvent incoming, string json) =>
        incoming with { Data = JsonDocument.Parse(json).RootElement.Clone() };
}
