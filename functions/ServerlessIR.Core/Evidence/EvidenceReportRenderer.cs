using System.Net;
using System.Text;

namespace ServerlessIR.Core.Evidence;

/// <summary>Renders report sections as Markdown, or as one self-contained, printable HTML page.</summary>
public static class EvidenceReportRenderer
{
    // Inline so the page travels as one file to an auditor with no network access.
    private const string Css = """
        body{font-family:-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1b1b1b;line-height:1.45}
        h1{font-size:1.6rem;border-bottom:2px solid #1b1b1b;padding-bottom:.3rem}
        h2{font-size:1.2rem;margin-top:2rem}
        table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.5rem 0}
        th,td{border:1px solid #c8c8c8;padding:.3rem .5rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
        th{background:#f0f0f0}
        tr:nth-child(even) td{background:#fafafa}
        code{font-family:ui-monospace,Consolas,monospace;font-size:.85em}
        footer{margin-top:2rem;font-size:.8rem;color:#555}
        @media print{body{margin:0;max-width:none}h2{break-after:avoid}tr{break-inside:avoid}th{background:#e6e6e6 !important;-webkit-print-color-adjust:exact;print-color-adjust:exact}}
        """;

    public static string ToMarkdown(string title, IReadOnlyList<ReportSection> sections, string footer)
    {
        ArgumentNullException.ThrowIfNull(sections);
        var md = new StringBuilder();
        md.Append("# ").AppendLine(title).AppendLine();
        foreach (var section in sections)
        {
            md.Append("## ").AppendLine(section.Title).AppendLine();
            foreach (var paragraph in section.Paragraphs)
            {
                md.AppendLine(paragraph).AppendLine();
            }

            if (section.Columns.Count > 0)
            {
                md.Append("| ").AppendJoin(" | ", section.Columns.Select(Cell)).AppendLine(" |");
                md.Append('|').AppendJoin('|', section.Columns.Select(_ => " --- ")).AppendLine("|");
                foreach (var row in section.Rows)
                {
                    md.Append("| ").AppendJoin(" | ", row.Select(Cell)).AppendLine(" |");
                }

                md.AppendLine();
            }
        }

        md.AppendLine(footer);
        return md.ToString();

        static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", "<br>", StringComparison.Ordinal);
    }

    public static string ToHtml(string title, IReadOnlyList<ReportSection> sections, string footer)
    {
        ArgumentNullException.ThrowIfNull(sections);
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>").AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .AppendLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(E(title)).AppendLine("</title>")
            .Append("<style>").Append(Css).AppendLine("</style></head><body>")
            .Append("<h1>").Append(E(title)).AppendLine("</h1>");
        foreach (var section in sections)
        {
            html.Append("<section><h2>").Append(E(section.Title)).AppendLine("</h2>");
            foreach (var paragraph in section.Paragraphs)
            {
                html.Append("<p>").Append(E(paragraph)).AppendLine("</p>");
            }

            if (section.Columns.Count > 0)
            {
                html.Append("<table><thead><tr>");
                foreach (var column in section.Columns)
                {
                    html.Append("<th scope=\"col\">").Append(E(column)).Append("</th>");
                }

                html.AppendLine("</tr></thead><tbody>");
                foreach (var row in section.Rows)
                {
                    html.Append("<tr>");
                    foreach (var cell in row)
                    {
                        html.Append("<td>").Append(E(cell)).Append("</td>");
                    }

                    html.AppendLine("</tr>");
                }

                html.AppendLine("</tbody></table>");
            }

            html.AppendLine("</section>");
        }

        html.Append("<footer>").Append(E(footer)).AppendLine("</footer></body></html>");
        return html.ToString();

        static string E(string text) => WebUtility.HtmlEncode(text);
    }
}
