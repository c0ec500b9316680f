using ServerlessIR.Core.Ingestion.Sources;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Core.Ingestion;

/// <summary>
/// Rates a normalized signal by the playbook's <c>ingestion.alertSources</c>: the first entry of the signal's kind whose
/// source prefixes match, and whose kind check passes, gives the trust; no match is untrusted.
/// </summary>
/// <remarks>
/// The kind checks are what makes "the relay" or "Azure Monitor" more than a claim in the event: a relayed event must name a
/// playbook org and a store the poller reads (<c>/salesforce/orgs/{org}/{store}</c>, the store matching the event type); an
/// Azure Monitor alert must target a resource the playbook lists for an AI system. A host may trust further source prefixes
/// (drills and tests on the local host only; never set in Azure).
/// </remarks>
public static class SourceTrustClassifier
{
    /// <summary>The trust of <paramref name="signal"/>, normalized from <paramref name="incoming"/>, and why.</summary>
    public static (SourceTrust Trust, string Reason) Classify(Playbook playbook, IncomingEvent incoming, Signal signal, IReadOnlyList<string>? hostTrustedSources = null)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(signal);
        var source = incoming.Source ?? "";
        if (signal.Exercise)
        {
            // ExerciseSignalSource rejects every exercise event whose source the playbook does not name.
            return (SourceTrust.Trusted, $"source '{source}' is a trusted exercise source (exercise.trustedSources)");
        }
        if ((hostTrustedSources ?? []).FirstOrDefault(p => p.Length > 0 && source.StartsWith(p, StringComparison.Ordinal)) is { } drill)
        {
            return (SourceTrust.Trusted, $"source '{source}' is trusted by the host (drill source '{drill}')");
        }
        var kind = KindOf(signal);
        var candidates = playbook.Ingestion.AlertSources.Where(a => a.Kind == kind).ToList();
        foreach (var entry in candidates)
        {
            if (entry.Sources.Count > 0 && !entry.Sources.Any(p => source.StartsWith(p, StringComparison.Ordinal)))
            {
                continue;
            }
            if (KindProblem(playbook, kind, incoming, signal) is { } problem)
            {
                return (SourceTrust.Untrusted, $"alert source '{entry.Name}': {problem}");
            }
            return (entry.Trust, $"alert source '{entry.Name}' ({WireNames.Of(entry.Trust)})");
        }
        return (SourceTrust.Untrusted, candidates.Count == 0
            ? $"the playbook rates no {WireNames.Of(kind)} alert source"
            : $"source '{source}' matches none of the playbook's {WireNames.Of(kind)} alert sources");
    }

    /// <summary>The kind of source a signal came from, by the source class that normalized it.</summary>
    public static AlertSourceKind KindOf(Signal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        return signal.Source switch
        {
            "salesforce" => AlertSourceKind.SalesforceRelay,
            "azure-monitor" => AlertSourceKind.AzureMonitor,
            _ => AlertSourceKind.Webhook,
        };
    }

    private static string? KindProblem(Playbook playbook, AlertSourceKind kind, IncomingEvent incoming, Signal signal)
    {
        switch (kind)
        {
            case AlertSourceKind.SalesforceRelay:
                var segments = (incoming.Source ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
                if (segments is not ["salesforce", "orgs", var org, var store])
                {
                    return $"source '{incoming.Source}' is not /salesforce/orgs/{{org}}/{{store}}, as the relay publishes";
                }
                if (playbook.FindOrg(org) is null)
                {
                    return $"source names org '{org}', which the playbook does not list";
                }
                if (!playbook.Ingestion.EventStores.Contains(store, StringComparer.Ordinal) ||
                    store != incoming.Type[SalesforceEventMonitoringSource.TypePrefix.Length..] + "Store")
                {
                    return $"source names store '{store}', which the relay does not read for {incoming.Type}";
                }
                return null;
            case AlertSourceKind.AzureMonitor:
                return signal.AiSystemId is null ? "the alert targets no Azure resource the playbook lists for an AI system" : null;
            default:
                return null;
        }
    }
}
