using System.Globalization;
using Microsoft.AspNetCore.Http;
using ServerlessIR.Adapters.Evidence;
using ServerlessIR.Core.Evidence;
using ServerlessIR.Core.Incidents;

namespace ServerlessIR.Adapters.Http;

/// <summary>
/// The incident console's read-only pages (<c>GET /api/console</c>, <c>GET /api/console/incidents/{id}</c>) and the verify
/// route its button calls (<c>GET /api/incidents/{id}/evidence/verify</c>). They read what <see cref="IncidentsHandler"/>
/// reads, so they sit behind the same authorization: App Service Authentication in Azure, loopback locally.
/// </summary>
public sealed class ConsoleHandler(
    IIncidentStore incidents,
    TableEvidenceReader evidence,
    TableEvidenceAnchorStore tableAnchors,
    BlobEvidenceAnchorStore blobAnchors,
    TimeProvider time,
    IAnchorSignatureVerifier? signatures = null)
{
    /// <summary>How many incidents the queue reads: the newest, which holds every open one in any estate we expect.</summary>
    public const int QueueSize = 200;

    /// <summary>Where the console's pages sit, for the links between them.</summary>
    public static string BasePath => "/" + HttpRoutes.Prefix + "/" + HttpRoutes.Console;

    public async Task<IResult> QueueAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var list = await incidents.ListAsync(0, QueueSize, cancellationToken);
        return Html(request, StatusCodes.Status200OK, ConsolePageRenderer.RenderQueue(list, time.GetUtcNow(), BasePath));
    }

    public async Task<IResult> IncidentAsync(HttpRequest request, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pageText = request.Query["page"].ToString();
        var page = 1;
        if (pageText.Length > 0 && !(int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page) && page is >= 1 and <= 1000))
        {
            return Results.Problem("Query parameter 'page' must be a whole number from 1 to 1000.", statusCode: StatusCodes.Status400BadRequest, title: "Bad query parameter");
        }
        var incident = string.IsNullOrEmpty(id) ? null : await incidents.GetAsync(id, cancellationToken);
        if (incident is null)
        {
            return Results.Problem($"No incident '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }
        var html = ConsolePageRenderer.RenderIncident(incident, page, time.GetUtcNow(), BasePath, VerifyPath(incident.Id));
        return Html(request, StatusCodes.Status200OK, html);
    }

    /// <summary>
    /// Recomputes the incident's chain against the anchors of both stores (as <c>ir evidence verify</c> does): an attacker
    /// able to edit the anchor table still cannot edit the immutable blobs.
    /// </summary>
    public async Task<IResult> VerifyEvidenceAsync(string id, CancellationToken cancellationToken = default)
    {
        var incident = string.IsNullOrEmpty(id) ? null : await incidents.GetAsync(id, cancellationToken);
        if (incident is null)
        {
            return Results.Problem($"No incident '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }
        var records = await evidence.ReadAsync(incident.Id, cancellationToken);
        var anchors = (await tableAnchors.ReadAsync(incident.Id, cancellationToken))
            .Concat(await blobAnchors.ReadAsync(incident.Id, cancellationToken))
            .DistinctBy(a => (a.RecordCount, a.HeadHash, a.Signature))
            .OrderBy(a => a.RecordCount)
            .ToList();
        var result = await EvidenceVerifier.VerifyAsync(incident.Id, records, anchors, signatures, cancellationToken);
        return Results.Json(new
        {
            incidentId = incident.Id,
            verified = result.Verified,
            records = result.Records,
            headHash = result.HeadHash,
            anchorsChecked = result.AnchorsChecked,
            firstBadSequence = result.FirstBadSequence,
            problem = result.Problem,
        });
    }

    /// <summary>The verify route of one incident, as the page's button calls it.</summary>
    public static string VerifyPath(string incidentId) =>
        "/" + HttpRoutes.Prefix + "/" + HttpRoutes.IncidentEvidenceVerify.Replace("{id}", Uri.EscapeDataString(incidentId), StringComparison.Ordinal);

    private static IResult Html(HttpRequest request, int status, string html)
    {
        var headers = request.HttpContext.Response.Headers;
        // Incident pages carry what the response needs about people (approvers, recipients): keep them out of caches,
        // frames and other sites' Referer headers. Script is the renderer's one fixed text, admitted by its hash.
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "same-origin";
        headers["X-Content-Type-Options"] = "nosniff";
        headers["X-Frame-Options"] = "DENY";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; script-src " + ConsolePageRenderer.ScriptHash
            + "; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        return Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
    }
}
