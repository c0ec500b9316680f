// The Azure Functions app on the Flex Consumption plan (FC1), .NET 10 isolated worker.
// It runs as a user-assigned identity and reaches storage, Key Vault, Event Grid and
// Application Insights with Entra ID tokens only: no connection string carries a key.
@description('Name of the Flex Consumption plan.')
param planName string

@description('Name of the function app.')
param name string

@description('Azure region.')
param location string

@description('Tags applied to the plan and the app; the app also gets azd-service-name.')
param tags object

@description('Name of the user-assigned managed identity the app runs as.')
param identityName string

@description('Name of the storage account used by the host, the Durable Task backend and the deployment package.')
param storageAccountName string

@description('Blob container that holds the deployment package.')
param deploymentContainerName string

@description('Blob container with the immutability policy: evidence anchors and preserved event logs are written here.')
param evidenceContainerName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('URI of the Key Vault holding the pipeline\'s credentials.')
param keyVaultUri string

@description('URI of the Key Vault holding the secrets keyvault.rotate-secret rotates; the only vault the app may write.')
param rotationKeyVaultUri string

@description('Endpoint of the Event Grid topic the Salesforce poller publishes to.')
param eventGridTopicEndpoint string

@description('Durable Task hub name; host.json reads it as %TASKHUB_NAME%.')
param taskHubName string

@description('Resource ID of the Event Grid topic: deliveries and the validation handshake must come from it.')
param eventGridTopicId string

@description('Name of the Key Vault key (in the main vault) that signs evidence anchors.')
param anchorSignerName string

@description('Client ID of the Entra ID app registration for App Service Authentication; empty leaves the provider off, so protected routes answer 401.')
param authClientId string

@description('Object IDs of the Entra groups whose members may use the protected routes.')
param authAllowedGroupIds array

@description('Object IDs of single users or service principals that may use the protected routes.')
param authAllowedPrincipalIds array

@description('Client IDs of the applications whose tokens are accepted; empty means the app registration itself.')
param authAllowedClientApplicationIds array

@description('Retention periods in days read by the retention job: completedIncidents, rawAlerts, rejectedEvents, deliveryClaims, deadLetters.')
param retentionDays object

@description('URL of the bulk mail service for notices to data subjects; empty until there is one.')
param bulkMailEndpoint string

@description('URL of the ServiceNow instance for ticketing; empty while no playbook configures ticketing.')
param serviceNowInstanceUrl string

@allowed([
  2048
  4096
])
@description('Memory per instance, in MB.')
param instanceMemoryMB int

@minValue(1)
@maxValue(1000)
@description('Upper bound on instances.')
param maximumInstanceCount int

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    // Key Vault references in app settings resolve with the app's user-assigned identity.
    keyVaultReferenceIdentity: identity.id
    httpsOnly: true
    clientCertEnabled: false
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// Set as a child resource so the whole list is declared in one place; azd adds nothing.
// Every setting here is read by the app or the Functions host: ServerlessIR.Adapters/Configuration/AppSettingKeys.cs
// lists them, and tests/ServerlessIR.Infra.Tests/SettingsContractTests.cs holds the two lists to each other.
// The site's config children (appsettings, authsettingsV2, the two publishing policies) are written one after
// another (dependsOn chain): ARM writes siblings in parallel, and parallel writes to one site's configuration can
// overwrite each other, which loses app settings (azd's own templates order them the same way).
resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: {
    // Identity-based host storage: no AccountKey anywhere (shared keys are off).
    AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
    AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
    AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identity.properties.clientId
    // The connection string holds no key (local auth is off); the authentication string
    // makes the SDK send telemetry with the identity's Entra ID token.
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'
    TASKHUB_NAME: taskHubName
    // The site root is the console (function ConsoleRoot, host.json routePrefix ""), never the host's own home page.
    AzureWebJobsDisableHomepage: 'true'
    KeyVault__VaultUri: keyVaultUri
    // keyvault.rotate-secret writes here (Secrets Officer); everything else is read from KeyVault__VaultUri (Secrets User).
    ServerlessIR__KeyVault__RotationUri: rotationKeyVaultUri
    // The Salesforce relay (timer SalesforceRelay) binds section ServerlessIR:Relay (RelayOptions): it publishes to the
    // topic with this identity's Entra ID token (EventGrid Data Sender on the topic; the topic's local auth is off).
    ServerlessIR__Relay__TopicEndpoint: eventGridTopicEndpoint
    ServerlessIR__Relay__ManagedIdentityClientId: identity.properties.clientId
    AZURE_CLIENT_ID: identity.properties.clientId
    // Trust X-MS-CLIENT-PRINCIPAL only because App Service Authentication (below) sits in front of the app.
    ServerlessIR__Auth__RunningBehindAppServiceAuth: 'true'
    // Anchors, preserved event logs and prior states go to the container whose time-based immutability policy makes
    // them write-once: both readers get the name from the storage module, so they cannot drift from it.
    Evidence__AnchorContainerName: evidenceContainerName
    ServerlessIR__Containment__EvidenceContainer: evidenceContainerName
    // The default playbook's notifications.dataSubjectChannel.endpointSetting names this setting.
    BULK_MAIL_ENDPOINT: bulkMailEndpoint
    // A playbook's ticketing.instanceUrlSetting names this setting by default (docs/lifecycle.md#ticketing).
    SERVICENOW_INSTANCE_URL: serviceNowInstanceUrl
    // The pseudonym key stays in Key Vault; the platform resolves the reference with the app's identity.
    Evidence__PseudonymKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/pseudonym-key)'
    // Anchors are signed with this Key Vault key (Key Vault Crypto User on the key only; keyvault.bicep).
    Evidence__Signing__KeyVaultUri: keyVaultUri
    Evidence__Signing__KeyName: anchorSignerName
    Evidence__Signing__ManagedIdentityClientId: identity.properties.clientId
    // /api/events is outside App Service Authentication: the app validates Event Grid's Entra token itself (for the app
    // registration; none while authClientId is empty), and takes events only from this topic and subscription.
    ServerlessIR__EventGrid__TenantId: tenant().tenantId
    ServerlessIR__EventGrid__Audience: authClientId
    ServerlessIR__EventGrid__TopicResourceId: eventGridTopicId
    ServerlessIR__EventGrid__SubscriptionName: 'serverlessir-events'
    // Approval and notice links in e-mails and Teams cards point here.
    ServerlessIR__Approvals__PublicBaseUrl: 'https://${functionApp.properties.defaultHostName}'
    // The retention job's periods. Raw alerts and dead letters are also deleted by the storage lifecycle policy
    // (storage.bicep) from the same parameters, so the two cannot disagree.
    ServerlessIR__Retention__CompletedIncidentDays: string(retentionDays.completedIncidents)
    ServerlessIR__Retention__RawAlertDays: string(retentionDays.rawAlerts)
    ServerlessIR__Retention__RejectedEventDays: string(retentionDays.rejectedEvents)
    ServerlessIR__Retention__DeliveryClaimDays: string(retentionDays.deliveryClaims)
    ServerlessIR__Retention__DeadLetterDays: string(retentionDays.deadLetters)
  }
}

// Who may pass App Service Authentication. Without any allowed group or principal the policy names only the nil object
// ID, which no token carries: a deployment that names nobody lets nobody in, rather than the whole tenant.
var nobody = '00000000-0000-0000-0000-000000000000'
var allowedIdentities = empty(authAllowedGroupIds) && empty(authAllowedPrincipalIds) ? [nobody] : authAllowedPrincipalIds
// A person signing in through App Service Authentication gets a token issued to the app registration itself.
var ownRegistration = empty(authClientId) ? [] : [authClientId]
var allowedApplications = empty(authAllowedClientApplicationIds) ? ownRegistration : authAllowedClientApplicationIds

// App Service Authentication in front of every route except the Event Grid webhook (it
// carries a function key and does the CloudEvents handshake) and the health probe.
// Excluded paths match exactly, so /api/events/rejected stays protected.
resource authSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: functionApp
  name: 'authsettingsV2'
  dependsOn: [
    appSettings
  ]
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'Return401'
      excludedPaths: [
        '/api/events'
        '/api/health'
      ]
    }
    httpSettings: {
      requireHttps: true
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: !empty(authClientId)
        registration: {
          clientId: authClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
        }
        validation: {
          allowedAudiences: empty(authClientId) ? [] : [
            'api://${authClientId}'
            authClientId
          ]
          defaultAuthorizationPolicy: {
            allowedPrincipals: {
              groups: authAllowedGroupIds
              identities: allowedIdentities
            }
            allowedApplications: allowedApplications
          }
        }
      }
    }
    login: {
      tokenStore: {
        enabled: false
      }
    }
  }
}

// Publishing with basic credentials stays off: azd and CI deploy with Entra ID.
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'ftp'
  dependsOn: [
    authSettings
  ]
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'scm'
  dependsOn: [
    ftpPublishing
  ]
  properties: {
    allow: false
  }
}

output name string = functionApp.name
output uri string = 'https://${functionApp.properties.defaultHostName}'
