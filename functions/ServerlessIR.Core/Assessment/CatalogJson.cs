using System.Text.Json;

namespace ServerlessIR.Core.Assessment;

/// <summary>How the embedded catalog files are read: camelCase, strict about unknown members so a typo in a rule fails the tests.</summary>
internal static class CatalogJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };
}
