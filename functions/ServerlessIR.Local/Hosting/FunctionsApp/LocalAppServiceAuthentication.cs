using System.Text;
using System.Text.Json;
using ServerlessIR.Adapters.Http;
using ServerlessIR.Core.Approvals;
using ServerlessIR.Core.Playbooks;

namespace ServerlessIR.Local.Hosting.FunctionsApp;

/// <summary>
/// The local stand-in for App Service Authentication in front of the Functions app: it drops any client-supplied
/// <c>X-MS-CLIENT-PRINCIPAL*</c> headers (as App Service does) and, for a caller the local host knows (the
/// <see cref="LocalApproverIdentityResolver.HeaderName"/> header a drill sends, else the configured local identity), adds
/// the principal header App Service would, so the app's own <see cref="AppServiceApproverIdentityResolver"/> decides who
/// is calling. Loopback only, like the rest of the local host.
/// </summary>
public static class LocalAppServiceAuthentication
{
    private const string UpnClaim = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn";
    private const string ObjectIdClaim = "http://schemas.microsoft.com/identity/claims/objectidentifier";

    public static IApplicationBuilder UseLocalAppServiceAuthentication(this IApplicationBuilder app, bool simulatedPeople, LocalSessions sessions, Playbook playbook)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(sessions);
        return app.Use(async (context, next) =>
        {
            var headers = context.Request.Headers;
            foreach (var name in headers.Keys.Where(k => k.StartsWith("X-MS-CLIENT-PRINCIPAL", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                headers.Remove(name);
            }
            var caller = simulatedPeople ? headers[LocalApproverIdentityResolver.HeaderName].ToString().Trim() : "";
            headers.Remove(LocalApproverIdentityResolver.HeaderName);
            if (string.IsNullOrEmpty(caller))
            {
                caller = sessions.Resolve(context.Request) ?? "";
            }
            if (caller.Length > 0)
            {
                headers[AppServiceApproverIdentityResolver.HeaderName] = Encode(caller, Responders.ObjectIdOf(playbook, caller));
                headers["X-MS-CLIENT-PRINCIPAL-NAME"] = caller;
                headers["X-MS-CLIENT-PRINCIPAL-IDP"] = "aad";
            }
            await next(context);
        });
    }

    /// <summary>
    /// The principal App Service Authentication sends for an Entra ID user with this UPN and object ID (the local host's
    /// directory is the playbook; a person it gives no object ID gets none, as a guest without one would be refused).
    /// </summary>
    public static string Encode(string upn, string? objectId = null)
    {
        var principal = new AppServiceClientPrincipal
        {
            AuthType = "aad",
            NameClaimType = UpnClaim,
            RoleClaimType = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
            Claims = objectId is null
                ? [new AppServiceClaim { Type = UpnClaim, Value = upn }, new AppServiceClaim { Type = "name", Value = upn }]
                : [new AppServiceClaim { Type = UpnClaim, Value = upn }, new AppServiceClaim { Type = "name", Value = upn },
                    new AppServiceClaim { Type = ObjectIdClaim, Value = objectId }],
        };
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(principal)));
    }
}
