namespace ServerlessIR.Core.Salesforce;

/// <summary>SOQL literal escaping: playbook values go into queries, so quotes and backslashes must not break out.</summary>
public static class Soql
{
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal);
    }
}
