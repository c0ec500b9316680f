namespace ServerlessIR.Local.Drill;

/// <summary>
/// What the drill's checkout traffic saw: each request asked the AI feature's owning service which mode serves checkout and,
/// in the fallback mode, whether the fallback answers. <see cref="Failed"/> counts requests nobody served.
/// </summary>
public sealed record CheckoutTrafficResult(int Requests, int ServedByModel, int ServedByFallback, int Failed, string? FirstFailure = null);
