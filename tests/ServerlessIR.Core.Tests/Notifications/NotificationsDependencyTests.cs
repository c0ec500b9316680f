using System.Reflection;
using ServerlessIR.Core.Notifications;

namespace ServerlessIR.Core.Tests.Notifications;

/// <summary>
/// Approvals use notifications (an approval request is sent as mail, feed item and card), so notifications must not use
/// approvals back: what both need lives in Notifications, and what drafting needs of approvals is a port
/// (<see cref="INoticeReviewLinks"/>).
/// </summary>
public sealed class NotificationsDependencyTests
{
    private const string ApprovalsNamespace = "ServerlessIR.Core.Approvals";
    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    [Fact]
    public void Signatures_OfEveryNotificationsType_NameNoApprovalsType()
    {
        var notifications = typeof(NoticeRenderer).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(NoticeRenderer).Namespace)
            .ToList();

        var offending = notifications
            .SelectMany(t => SignatureTypes(t).Where(IsApprovals).Select(used => $"{t.Name} -> {used.Name}"))
            .Distinct()
            .ToList();

        Assert.NotEmpty(notifications);
        Assert.True(offending.Count == 0, "notifications types that use approvals: " + string.Join(", ", offending));
    }

    private static bool IsApprovals(Type type) =>
        type.Namespace == ApprovalsNamespace || (type.IsGenericType && type.GetGenericArguments().Any(IsApprovals)) || (type.HasElementType && IsApprovals(type.GetElementType()!));

    private static IEnumerable<Type> SignatureTypes(Type type)
    {
        if (type.BaseType is { } baseType)
        {
            yield return baseType;
        }
        foreach (var implemented in type.GetInterfaces())
        {
            yield return implemented;
        }
        foreach (var field in type.GetFields(Everything))
        {
            yield return field.FieldType;
        }
        foreach (var property in type.GetProperties(Everything))
        {
            yield return property.PropertyType;
        }
        foreach (var method in type.GetMethods(Everything))
        {
            yield return method.ReturnType;
            foreach (var parameter in method.GetParameters())
            {
                yield return parameter.ParameterType;
            }
        }
        foreach (var constructor in type.GetConstructors(Everything))
        {
            foreach (var parameter in constructor.GetParameters())
            {
                yield return parameter.ParameterType;
            }
        }
        foreach (var nested in type.GetNestedTypes(Everything).SelectMany(SignatureTypes))
        {
            yield return nested;
        }
    }
}
