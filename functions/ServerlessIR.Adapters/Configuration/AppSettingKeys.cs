namespace ServerlessIR.Adapters.Configuration;

/// <summary>
/// Every configuration key the app reads, in one place. infra/app/function-app.bicep sets the ones without a default;
/// tests/ServerlessIR.Infra.Tests/SettingsContractTests.cs builds the Functions app from the compiled Bicep's app
/// settings, records every key the app actually reads, and holds this list to both: a key read but not listed, a
/// listed key without a default that Bicep does not set, and a Bicep setting nothing reads all fail there.
/// </summary>
public static class AppSettingKeys
{
    public static IReadOnlyList<AppSetting> All { get; } =
    [
        // Storage: the Functions host and our Table/Blob clients share one identity-based connection.
        new("AzureWebJobsStorage__blobServiceUri", "Functions host; StorageClients", null),
        new("AzureWebJobsStorage__queueServiceUri", "Functions host (Durable Task queues); StorageClients", null),
        new("AzureWebJobsStorage__tableServiceUri", "Functions host (Durable Task tables); StorageClients", null),
        new("AzureWebJobsStorage__clientId", "Functions host; StorageClients (the user-assigned identity)", null),
        new("AzureWebJobsStorage__credential", "Functions host (identity-based connection)", null, AppSettingScope.FunctionsHost),
        new("AzureWebJobsStorage", "StorageClients (a connection string: Azurite)", "the __serviceUri form above", AppSettingScope.LocalOnly),
        new("ServerlessIR__Storage__Prefix", "StorageClients (several local hubs in one account)", "no prefix", AppSettingScope.LocalOnly),
        new("TASKHUB_NAME", "Functions host: host.json extensions.durableTask.hubName %TASKHUB_NAME%", null, AppSettingScope.FunctionsHost),

        // Telemetry.
        new("APPLICATIONINSIGHTS_CONNECTION_STRING", "TelemetryExtensions (Azure Monitor exporter); Functions host", "no export"),
        new("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "TelemetryExtensions.ExporterCredential; Functions host", "connection string only"),

        // Identity and Key Vault.
        new("AZURE_CLIENT_ID", "Key Vault, Graph and containment credentials (DefaultAzureCredential)", null),
        new("KeyVault__VaultUri", "AddSecrets (secrets read; rotation writes here too unless RotationUri names another vault)", "secrets from ServerlessIR:Secrets (local only)"),
        new("ServerlessIR__KeyVault__Uri", "AddSecrets (an alternative spelling, checked first)", "KeyVault__VaultUri"),
        new("ServerlessIR__KeyVault__RotationUri", "AddSecrets (the vault keyvault.rotate-secret writes to)", "the vault secrets are read from"),
        new("ServerlessIR__Secrets__*", "ConfigurationSecretStore (secrets by name)", "none: Key Vault in Azure", AppSettingScope.LocalOnly),

        // Evidence.
        new("Evidence__PseudonymKey", "EvidenceStorageOptions (a Key Vault reference in Azure)", null),
        new("Evidence__AnchorContainerName", "EvidenceStorageOptions", "evidence"),
        new("Evidence__TableName", "EvidenceStorageOptions", "Evidence"),
        new("Evidence__AnchorTableName", "EvidenceStorageOptions", "EvidenceAnchors"),
        new("Evidence__Retention__*", "RetentionOptions", "the defaults of RetentionOptions"),
        new("Evidence__Signing__KeyVaultUri", "AnchorSigningOptions (the vault holding the anchor-signing key)", "anchors unsigned"),
        new("Evidence__Signing__KeyName", "AnchorSigningOptions", "anchors unsigned"),
        new("Evidence__Signing__Algorithm", "AnchorSigningOptions", "ES256"),
        new("Evidence__Signing__ManagedIdentityClientId", "AnchorSigningOptions (the app identity's Key Vault token)", "DefaultAzureCredential's own choice"),
        new("ServerlessIR__Retention__CompletedIncidentDays", "RetentionSweepOptions.CompletedIncidentDays (RetentionSweep timer, ir retention)", "90"),
        new("ServerlessIR__Retention__RawAlertDays", "RetentionSweepOptions.RawAlertDays (RetentionSweep timer, ir retention)", "90"),
        new("ServerlessIR__Retention__RejectedEventDays", "RetentionSweepOptions.RejectedEventDays (RetentionSweep timer, ir retention)", "30"),
        new("ServerlessIR__Retention__DeliveryClaimDays", "RetentionSweepOptions.DeliveryClaimDays (RetentionSweep timer, ir retention)", "7"),
        new("ServerlessIR__Retention__DeadLetterDays", "RetentionSweepOptions.DeadLetterDays (RetentionSweep timer, ir retention)", "30"),
        new("ServerlessIR__Retention__DeadLetterContainer", "RetentionSweepOptions.DeadLetterContainer (RetentionSweep timer, ir retention)", "deadletter, the container infra creates"),

        // Ingestion and the Salesforce relay.
        new("ServerlessIR__PlaybookPath", "AddServerlessIR", "the embedded default playbook"),
        new("ServerlessIR__EventGrid__TenantId", "EventGridDeliveryOptions (Entra-authenticated delivery: the tenant whose keys sign Event Grid's token)", "no token check (function key only)"),
        new("ServerlessIR__EventGrid__Audience", "EventGridDeliveryOptions (the app registration's client ID)", "no token check (function key only)"),
        new("ServerlessIR__EventGrid__Authority", "EventGridDeliveryOptions (the OpenID stand-in locally)", "https://login.microsoftonline.com/"),
        new("ServerlessIR__EventGrid__RequireRole", "EventGridDeliveryOptions (AzureEventGridSecureWebhookSubscriber in roles)", "true"),
        new("ServerlessIR__EventGrid__TopicResourceId", "EventGridDeliveryOptions (events and validation must come from this topic)", "no topic check"),
        new("ServerlessIR__EventGrid__SubscriptionName", "EventGridDeliveryOptions (the validation handshake must name it)", "no subscription check"),
        new("ServerlessIR__EventGrid__PublisherSourcePrefixes__*", "EventGridDeliveryOptions (CloudEvent sources our own publishers use on the topic)", "/salesforce/orgs/, /serverlessir/"),
        new("ServerlessIR__Relay__TopicEndpoint", "RelayOptions (SalesforceRelay timer)", "relay off"),
        new("ServerlessIR__Relay__ManagedIdentityClientId", "RelayOptions", "DefaultAzureCredential's own choice"),
        new("ServerlessIR__Relay__Interval", "RelayOptions", "1 minute"),
        new("ServerlessIR__Relay__WebhookKey", "RelayOptions (publishes straight to the local webhook)", "none", AppSettingScope.LocalOnly),

        // Salesforce and containment.
        new("ServerlessIR__Salesforce__Timeout", "SalesforceOptions", "30 seconds"),
        new("ServerlessIR__Salesforce__InstanceUrlOverride", "SalesforceOptions (the stand-in)", "each org's instance URL", AppSettingScope.LocalOnly),
        new("ServerlessIR__Salesforce__OrgInstanceUrlOverrides", "SalesforceOptions (the stand-in, one URL per org ID)", "InstanceUrlOverride", AppSettingScope.LocalOnly),
        new("ServerlessIR__Containment__EvidenceContainer", "ContainmentOptions", "evidence"),
        new("ServerlessIR__Containment__KillSwitch", "ContainmentOptions via OptionsKillSwitch (every containment step waits for approval)", "off"),
        new("ServerlessIR__Containment__EndpointOverride", "ContainmentOptions (the stand-ins)", "the playbook's hook URLs", AppSettingScope.LocalOnly),

        // Notifications and approvals.
        new("ServerlessIR__Graph__BaseUrl", "GraphOptions (the stand-in)", "Microsoft Graph", AppSettingScope.LocalOnly),
        new("ServerlessIR__Graph__ManagedIdentityClientId", "GraphOptions, AddSecrets", "AZURE_CLIENT_ID"),
        new("ServerlessIR__Teams__WebhookSecret", "TeamsWebhookOptions", "teams-workflows-webhook-url"),
        new("ServerlessIR__Notifications__TemplatesPath", "AddNotifications (NoticeRenderer)", "notification-templates beside the app"),
        new("BULK_MAIL_ENDPOINT", "HttpBulkNoticeChannel: the setting the default playbook names (notifications.dataSubjectChannel.endpointSetting)", null),
        new("ServerlessIR__Approvals__PublicBaseUrl", "ApprovalTokenOptions (links in cards and e-mails), OriginPolicy (the one origin state-changing posts may come from)", null),
        new("ServerlessIR__Approvals__SigningKeySecret", "ApprovalTokenOptions", "approval-signing-key"),
        new("ServerlessIR__Approvals__KeyCacheSeconds", "ApprovalTokenOptions (how long the signing key set is cached; a rotation is seen within it)", "60"),
        new("ServerlessIR__Approvals__SignInPath", "ApprovalTokenOptions (the sign-in redirect links go through)", "/.auth/login/aad?post_login_redirect_uri="),
        new("ServerlessIR__Approvals__DualControlHours", "ApprovalTokenOptions (how long a two-person request waits for its second person)", "24"),
        new("ServerlessIR__Auth__RunningBehindAppServiceAuth", "ApproverIdentityOptions", null),
        // ApproverIdentityOptions binds both sections, so the local keys are also looked for under ServerlessIR:Auth.
        new("ServerlessIR__Auth__*", "ApproverIdentityOptions (AllowApproverHeader under the Auth section)", "none", AppSettingScope.LocalOnly),
        new("ServerlessIR__Local__*", "ApproverIdentityOptions (AllowApproverHeader: drills only); IngestionOptions (DrillTrustedSources); TableContainmentBudget (BudgetScope)", "none", AppSettingScope.LocalOnly),
    ];

    /// <summary>The entry that covers <paramref name="configurationKey"/>, or null.</summary>
    public static AppSetting? Find(string configurationKey) => All.FirstOrDefault(s => s.Covers(configurationKey));
}
