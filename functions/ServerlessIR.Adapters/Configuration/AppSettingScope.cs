namespace ServerlessIR.Adapters.Configuration;

/// <summary>Where an <see cref="AppSetting"/> matters.</summary>
public enum AppSettingScope
{
    /// <summary>Read by the app in Azure and locally.</summary>
    Everywhere,

    /// <summary>Read by the Functions host (host.json, its storage connection), not by our code.</summary>
    FunctionsHost,

    /// <summary>Only meaningful on a developer's machine (stand-ins, Azurite, local secrets); never set in Azure.</summary>
    LocalOnly,
}
