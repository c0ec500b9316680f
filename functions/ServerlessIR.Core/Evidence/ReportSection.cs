namespace ServerlessIR.Core.Evidence;

/// <summary>One section of the human evidence report: a heading, some sentences, and an optional table.</summary>
/// <remarks>Format-neutral so that the Markdown and the HTML report can never say different things.</remarks>
public sealed record ReportSection(
    string Title,
    IReadOnlyList<string> Paragraphs,
    IReadOnlyList<string> Columns,
    IReadOnlyList<IReadOnlyList<string>> Rows);
