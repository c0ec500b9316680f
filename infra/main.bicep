// ServerlessIR: the whole pipeline in one `azd up`.
// Composes local modules under app/ (no registry modules: CI builds this offline).
// The Event Grid subscription to the webhook needs the deployed function, so it lives in
// eventgrid-subscription.bicep and is deployed by the azd postdeploy hook, not here.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; used to derive resource names and the azd-env-name tag.')
param environmentName string

@minLength(1)
@description('Azure region for every resource. Must be a region that offers the Flex Consumption plan.')
// Regions that offer Flex Consumption, as listed by the azd Functions quickstart template
// (Azure-Samples/functions-quickstart-dotnet-azd, infra/main.bicep; its canary region eastus2euap left out).
// Flex Consumption reaches new regions over time: check `az functionapp list-flexconsumption-locations -o table`
// and add a region here when it appears there. azd shows this list as its region prompt.
@allowed([
  'australiaeast'
  'centralindia'
  'centralus'
  'eastasia'
  'eastus'
  'eastus2'
  'francecentral'
  'germanywestcentral'
  'northcentralus'
  'northeurope'
  'southcentralus'
  'southeastasia'
  'swedencentral'
  'uksouth'
  'westcentralus'
  'westeurope'
  'westus2'
])
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object ID of the person or pipeline running azd (azd fills it in). Given Key Vault Secrets Officer on both vaults only when operatorKeyVaultAccess is true.')
param principalId string = ''

@description('Grant the person running azd (principalId) Key Vault Secrets Officer on both vaults, so the postprovision hook can create the generated keys and they can store credentials (azd env set KEY_VAULT_OPERATOR_ACCESS true). Off by default: a standing grant would come back on every provision.')
param operatorKeyVaultAccess bool = false

@description('Application (client) ID of the Entra ID app registration that App Service Authentication validates tokens for and Event Grid gets its delivery token for. Empty until that registration exists (docs/deploy.md); until then every protected route answers 401.')
param authClientId string = ''

@description('Object IDs of the Entra groups whose members may use the protected routes, comma-separated (azd env set AUTH_ALLOWED_GROUP_IDS id1,id2). The token must carry the groups claim (docs/deploy.md).')
param authAllowedGroupIds string = ''

@description('Object IDs of single users or service principals that may use the protected routes, comma-separated (AUTH_ALLOWED_PRINCIPAL_IDS).')
param authAllowedPrincipalIds string = ''

@description('Client IDs of the applications whose tokens are accepted, comma-separated (AUTH_ALLOWED_CLIENT_APPLICATION_IDS). Empty: only the app registration itself (sign-in through App Service Authentication).')
param authAllowedClientApplicationIds string = ''

@minValue(1)
@maxValue(146000)
@description('Days that blobs in the evidence container stay immutable (time-based retention). The policy is created unlocked; evidencePolicyLock locks it.')
param evidenceRetentionDays int = 2190

@description('Set to true (azd env set EVIDENCE_POLICY_LOCKED true) once the evidence immutability policy is locked; a locked policy can only be extended, so later deployments leave it alone. The postprovision hook sets it after locking.')
param evidencePolicyLocked bool = false

@description('Lock the evidence immutability policy (azd env set EVIDENCE_POLICY_LOCK true). Irreversible: the period can then only be extended and the account cannot be deleted while it holds protected blobs. Azure Resource Manager creates policies unlocked only, so the postprovision hook locks it.')
param evidencePolicyLock bool = false

@minValue(1)
@maxValue(3650)
@description('Days raw alert payloads are kept (container raw-alerts): the lifecycle policy deletes them, and the retention job reads the same value.')
param rawAlertRetentionDays int = 90

@minValue(1)
@maxValue(3650)
@description('Days dead-lettered events are kept: the lifecycle policy deletes them, and the retention job reads the same value.')
param deadLetterRetentionDays int = 30

@minValue(1)
@maxValue(3650)
@description('Days the retention job keeps the durable history of a completed incident.')
param completedIncidentRetentionDays int = 90

@minValue(1)
@maxValue(3650)
@description('Days the retention job keeps rejected events.')
param rejectedEventRetentionDays int = 30

@minValue(1)
@maxValue(3650)
@description('Days the retention job keeps delivery claims (Event Grid redelivery de-duplication).')
param deliveryClaimRetentionDays int = 7

@description('URL of the bulk mail service that sends notices to data subjects (azd env set BULK_MAIL_ENDPOINT URL); the default playbook names this app setting. Empty until you have one: the hand-off step then fails and goes to a person.')
param bulkMailEndpoint string = ''

@description('URL of the ServiceNow instance incidents keep a ticket in (https://INSTANCE.service-now.com; azd env set SERVICENOW_INSTANCE_URL URL). A playbook\'s ticketing section names this app setting by default; empty while no playbook configures ticketing. The client ID and secret go in Key Vault (servicenow-client-id, servicenow-client-secret).')
param serviceNowInstanceUrl string = ''

@allowed([
  2048
  4096
])
@description('Memory per Flex Consumption instance, in MB.')
param instanceMemoryMB int = 2048

@minValue(1)
@maxValue(1000)
@description('Upper bound on Flex Consumption instances.')
param maximumInstanceCount int = 40

var tags = {
  'azd-env-name': environmentName
}
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
// Names are known before deployment (abbreviation + token), so modules look resources up by
// name instead of taking runtime outputs; role assignment names then stay predictable for
// what-if and identical on every redeploy.
var names = {
  identity: 'id-${resourceToken}'
  logAnalytics: 'log-${resourceToken}'
  applicationInsights: 'appi-${resourceToken}'
  eventGridTopic: 'evgt-${resourceToken}'
  keyVault: 'kv-${resourceToken}'
  rotationKeyVault: 'kvrot-${resourceToken}'
  storage: 'st${resourceToken}'
  deploymentContainer: 'app-package-${resourceToken}'
  plan: 'plan-${resourceToken}'
  functionApp: 'func-${resourceToken}'
}
// The Durable Task hub name; host.json reads it as %TASKHUB_NAME%.
var taskHubName = 'serverlessir'

// azd passes parameters as text, so ID lists arrive comma-separated: split, trimmed, empty entries dropped.
var authAllowedGroups = filter(map(split(authAllowedGroupIds, ','), id => trim(id)), id => !empty(id))
var authAllowedPrincipals = filter(map(split(authAllowedPrincipalIds, ','), id => trim(id)), id => !empty(id))
var authAllowedClientApplications = filter(map(split(authAllowedClientApplicationIds, ','), id => trim(id)), id => !empty(id))

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
    appIdentityName: names.identity
  }
  dependsOn: [
    identity
  ]
}

module eventGrid 'app/eventgrid-topic.bicep' = {
  name: 'eventgrid-topic'
  scope: rg
  params: {
    name: names.eventGridTopic
    location: location
    tags: tags
    appIdentityName: names.identity
  }
  dependsOn: [
    identity
  ]
}

var operatorPrincipalId = operatorKeyVaultAccess ? principalId : ''

module keyVault 'app/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: names.keyVault
    anchorSignerName: 'evidence-anchor-key'
    location: location
    tags: tags
    appIdentityName: names.identity
    operatorPrincipalId: operatorPrincipalId
  }
  dependsOn: [
    identity
  ]
}

// The secrets keyvault.rotate-secret rotates live in a vault of their own, the only place the app may write.
module rotationKeyVault 'app/keyvault.bicep' = {
  name: 'keyvault-rotation'
  scope: rg
  params: {
    name: names.rotationKeyVault
    location: location
    tags: tags
    appIdentityName: names.identity
    isRotationVault: true
    operatorPrincipalId: operatorPrincipalId
  }
  dependsOn: [
    identity
  ]
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: names.storage
    location: location
    tags: tags
    appIdentityName: names.identity
    eventGridTopicName: names.eventGridTopic
    deploymentContainerName: names.deploymentContainer
    evidenceRetentionDays: evidenceRetentionDays
    evidencePolicyLocked: evidencePolicyLocked
    taskHubName: taskHubName
    rawAlertRetentionDays: rawAlertRetentionDays
    deadLetterRetentionDays: deadLetterRetentionDays
  }
  dependsOn: [
    identity
    eventGrid
  ]
}

module functionApp 'app/function-app.bicep' = {
  name: 'function-app'
  scope: rg
  params: {
    planName: names.plan
    name: names.functionApp
    location: location
    tags: tags
    identityName: names.identity
    storageAccountName: names.storage
    deploymentContainerName: names.deploymentContainer
    evidenceContainerName: storage.outputs.evidenceContainerName
    applicationInsightsName: names.applicationInsights
    keyVaultUri: keyVault.outputs.uri
    rotationKeyVaultUri: rotationKeyVault.outputs.uri
    eventGridTopicEndpoint: eventGrid.outputs.endpoint
    eventGridTopicId: eventGrid.outputs.id
    anchorSignerName: keyVault.outputs.anchorSignerName
    taskHubName: taskHubName
    authClientId: authClientId
    authAllowedGroupIds: authAllowedGroups
    authAllowedPrincipalIds: authAllowedPrincipals
    authAllowedClientApplicationIds: authAllowedClientApplications
    retentionDays: {
      completedIncidents: completedIncidentRetentionDays
      rawAlerts: rawAlertRetentionDays
      rejectedEvents: rejectedEventRetentionDays
      deliveryClaims: deliveryClaimRetentionDays
      deadLetters: deadLetterRetentionDays
    }
    bulkMailEndpoint: bulkMailEndpoint
    serviceNowInstanceUrl: serviceNowInstanceUrl
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
  }
  dependsOn: [
    monitoring
  ]
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_FUNCTION_APP_URI string = functionApp.outputs.uri
output AZURE_USER_ASSIGNED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_EVIDENCE_CONTAINER string = storage.outputs.evidenceContainerName
output AZURE_STORAGE_DEADLETTER_CONTAINER string = storage.outputs.deadLetterContainerName
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_URI string = keyVault.outputs.uri
output AZURE_ROTATION_KEY_VAULT_NAME string = rotationKeyVault.outputs.name
// Read by the postprovision hook: lock the evidence policy now (asked for and not yet done).
output EVIDENCE_POLICY_LOCK_PENDING bool = evidencePolicyLock && !evidencePolicyLocked
output EVENT_GRID_TOPIC_NAME string = eventGrid.outputs.name
output EVENT_GRID_TOPIC_ENDPOINT string = eventGrid.outputs.endpoint
output TASKHUB_NAME string = taskHubName
