// One storage account for the Functions host, the Durable Task backend (Azure Storage
// provider: queues, tables, blobs), the evidence tables and containers, the Flex Consumption
// deployment package and Event Grid dead letters. Shared keys are off: every caller uses
// Entra ID, so the role assignments below are the whole access story.
@description('Name of the storage account (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags applied to the account.')
param tags object

@description('Name of the function app\'s user-assigned managed identity.')
param appIdentityName string

@description('Name of the Event Grid topic whose system-assigned identity writes dead letters.')
param eventGridTopicName string

@description('Name of the container that holds the Flex Consumption deployment package.')
param deploymentContainerName string

@minValue(1)
@maxValue(146000)
@description('Days that evidence blobs stay immutable after they are written.')
param evidenceRetentionDays int

@description('True once the evidence immutability policy has been locked by hand; a locked policy can only be extended, so the template then leaves it alone.')
param evidencePolicyLocked bool = false

resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: appIdentityName
}

resource topic 'Microsoft.EventGrid/topics@2025-02-15' existing = {
  name: eventGridTopicName
}

var evidenceContainerName = 'evidence'
var deadLetterContainerName = 'deadletter'

resource account 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    supportsHttpsTrafficOnly: true
    minimumTlsVersion: 'TLS1_2'
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    // No hierarchical namespace: the app's Storage Blob Data Owner then carries no ACL rights (see appBlobOwner).
    isHnsEnabled: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2024-01-01' = {
  parent: account
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: 7
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: 7
    }
  }
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource evidenceContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = {
  parent: blobService
  name: evidenceContainerName
  properties: {
    publicAccess: 'None'
  }
}

// Time-based retention, created unlocked so a mistaken period can still be corrected.
// Locking it (docs/deploy.md) is the deliberate step that makes the evidence WORM for good.
// Protected append writes let the hash-chained ledger append to append blobs it never rewrites.
resource evidenceImmutability 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies@2024-01-01' = if (!evidencePolicyLocked) {
  parent: evidenceContainer
  name: 'default'
  properties: {
    immutabilityPeriodSinceCreationInDays: evidenceRetentionDays
    allowProtectedAppendWrites: true
  }
}

resource deadLetterContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = {
  parent: blobService
  name: deadLetterContainerName
  properties: {
    publicAccess: 'None'
  }
}

// Storage Blob Data Owner for the app, account scope: the role the Functions documentation names as the minimum for
// identity-based host storage (AzureWebJobsStorage: host leases and keys, timer checkpoints), which the Durable Task
// backend (large messages, partition leases), the Flex Consumption deployment package and the evidence exports share.
// Blob Data Contributor would probably do on this account, but the host's needs are not documented role by role, and a
// first deployment that fails on a missing permission is worse than Owner's extra rights, which on an account without
// a hierarchical namespace (isHnsEnabled is off here) add nothing a write does not: they are POSIX ACLs and ownership.
// Evidence stays write-once through the container's immutability policy, which no data-plane role can lift.
resource appBlobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, appIdentity.id, 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b')
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b')
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Storage Queue Data Contributor for the app: the Durable Task backend's control and
// work-item queues.
resource appQueueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, appIdentity.id, '974c5e8b-45b9-4653-ba55-5f855dd0fb88')
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '974c5e8b-45b9-4653-ba55-5f855dd0fb88')
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Storage Table Data Contributor for the app: the Durable Task history and instance
// tables, and the evidence ledger and incident tables.
resource appTableContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, appIdentity.id, '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3')
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3')
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Storage Blob Data Contributor for the Event Grid topic's identity, scoped to the
// deadletter container only: with shared keys off, dead-lettering works only through
// deadLetterWithResourceIdentity, and the topic must not reach evidence or host blobs.
resource topicDeadLetterWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(deadLetterContainer.id, topic.id, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: deadLetterContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
    principalId: topic.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output deploymentContainerName string = deploymentContainer.name
output evidenceContainerName string = evidenceContainer.name
output deadLetterContainerName string = deadLetterContainer.name
