using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace ServerlessIR.Local.Tests.Approvals;

/// <summary>
/// A plain HTML preview of the Adaptive Card elements our card uses (TextBlock, FactSet, Action.OpenUrl), styled roughly
/// as Teams shows them, so a headless browser can screenshot the card and click its button like a person would.
/// Elements it does not know are listed by type, so a new element in the template shows up rather than vanishing.
/// </summary>
internal static class AdaptiveCardPreview
{
    public static string Render(string cardJson)
    {
        var card = JsonNode.Parse(cardJson)!.AsObject();
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>Adaptive Card preview</title><style>")
            .Append("body{font-family:'Segoe UI',system-ui,sans-serif;background:#f5f5f5;margin:0;padding:1rem}")
            .Append(".card{background:#fff;border-radius:6px;box-shadow:0 1px 4px rgba(0,0,0,.2);padding:1rem;max-width:28rem}")
            .Append(".meta{font-size:.75rem;color:#616161;margin-bottom:.5rem}h2{font-size:1.1rem;margin:.2rem 0 .5rem}p{margin:.3rem 0}")
            .Append("dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem .8rem;margin:.6rem 0}dt{font-weight:600}dd{margin:0}")
            .Append("a.openurl{display:block;text-align:center;border:1px solid #6264a7;color:#6264a7;border-radius:4px;padding:.5rem;text-decoration:none;font-weight:600;margin-top:.8rem}")
            .Append("</style></head><body><div class=\"card\">")
            .Append("<div class=\"meta\">Adaptive Card ").Append(E(card["version"]?.ToString())).Append(" · ServerlessIR via Teams Workflows</div>");
        foreach (var element in card["body"]?.AsArray() ?? [])
        {
            switch (element?["type"]?.ToString())
            {
                case "TextBlock" when element["weight"]?.ToString() == "Bolder":
                    html.Append("<h2>").Append(E(element["text"]?.ToString())).Append("</h2>");
                    break;
                case "TextBlock":
                    html.Append("<p>").Append(E(element["text"]?.ToString())).Append("</p>");
                    break;
                case "FactSet":
                    html.Append("<dl>");
                    foreach (var fact in element["facts"]?.AsArray() ?? [])
                    {
                        html.Append("<dt>").Append(E(fact?["title"]?.ToString())).Append("</dt><dd>").Append(E(fact?["value"]?.ToString())).Append("</dd>");
                    }
                    html.Append("</dl>");
                    break;
                default:
                    html.Append("<p><em>[").Append(E(element?["type"]?.ToString())).Append("]</em></p>");
                    break;
            }
        }
        foreach (var action in card["actions"]?.AsArray() ?? [])
        {
            if (action?["type"]?.ToString() == "Action.OpenUrl")
            {
                html.Append("<a class=\"openurl\" href=\"").Append(E(action["url"]?.ToString())).Append("\">").Append(E(action["title"]?.ToString())).Append("</a>");
            }
        }
        return html.Append("</div></body></html>").ToString();
    }

    private static string E(string? value) => WebUtility.HtmlEncode(value ?? "");
}
