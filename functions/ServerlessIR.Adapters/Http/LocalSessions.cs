using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace ServerlessIR.Adapters.Http;

/// <summary>
/// The local host's sign-in (<c>ir serve</c>): a one-time code per configured person, printed on the terminal as a
/// <c>/signin?code=…</c> link; redeeming it in a browser starts a session whose ID travels in an HttpOnly, SameSite=Strict
/// cookie, and <see cref="LocalApproverIdentityResolver"/> reads the person from that cookie. In memory only: a restart
/// prints new links and ends every session. Never registered in Azure, where App Service Authentication signs people in.
/// </summary>
public sealed class LocalSessions
{
    public const string CookieName = "serverlessir-session";

    private readonly ConcurrentDictionary<string, string> codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> sessions = new(StringComparer.Ordinal);

    /// <summary>A new one-time sign-in code for <paramref name="person"/> (a UPN listed in the playbook).</summary>
    public string IssueCode(string person)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(person);
        var code = NewSecret();
        codes[code] = person.Trim();
        return code;
    }

    /// <summary>Uses up <paramref name="code"/>: the new session's ID and its person, or null when the code is unknown or used.</summary>
    public (string SessionId, string Person)? Redeem(string? code)
    {
        if (string.IsNullOrEmpty(code) || !codes.TryRemove(code, out var person))
        {
            return null;
        }
        var session = NewSecret();
        sessions[session] = person;
        return (session, person);
    }

    /// <summary>The person whose session cookie <paramref name="request"/> carries, or null.</summary>
    public string? Resolve(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Cookies.TryGetValue(CookieName, out var id) && id is not null && sessions.TryGetValue(id, out var person) ? person : null;
    }

    /// <summary>The cookie that carries a session: not readable by script, never sent by another site.</summary>
    public static CookieOptions CookieOptions { get; } = new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        IsEssential = true,
    };

    private static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}
