using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServerlessIR.Adapters.Http;

/// <summary>The JSON settings of the API and reports: camelCase, enums as names.</summary>
public static class Json
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = true,
    };
}
