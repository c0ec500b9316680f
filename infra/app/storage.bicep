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

@description('True once the evidence immutability policy has been locked; a locked policy can only be extended, so the template then leaves it alone.')
param evidencePolicyLocked bool = false

@description('Durable Task hub name: its tables, queues and containers are named after it.')
param taskHubName string

@minValue(1)
@description('Days after which raw alert payloads (container raw-alerts) are deleted by the lifecycle policy.')
param rawAlertRetentionDays int

@minValue(1)
@description('Days after which dead-lettered events are deleted by the lifecycle policy.')
param deadLetterRetentionDays int

resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: appIdentityName
}

resource topic 'Microsoft.EventGrid/topics@2025-02-15' existing = {
  name: eventGridTopicName
}

var evidenceContainerName = 'evidence'
var deadLetterContainerName = 'deadletter'
// The app's own container names (ServerlessIR.Adapters/Storage/TableNames.cs). Its storage prefix is a local-only
// setting, so in Azure they carry none.
var rawAlertContainerName = 'raw-alerts'
var noticeDraftContainerName = 'notice-drafts'

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
    // No hierarchical namespace: no ACLs sit beside the role assignments below.
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

// The app creates these at start-up too; declared here so the lifecycle rules and role conditions name them.
resource rawAlertContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = {
  parent: blobService
  name: rawAlertContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource noticeDraftContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = {
  parent: blobService
  name: noticeDraftContainerName
  properties: {
    publicAccess: 'None'
  }
}

// Storage deletes what it can age out itself: raw alert payloads (personal data kept only for the steps that need
// them) and dead letters. Evidence and notice drafts are never matched: evidence is kept for its regimes' periods and
// notices are records of what was sent. The retention job (ServerlessIR__Retention__*) purges the tables and durable
// history, which lifecycle rules cannot reach.
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2024-01-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'delete-raw-alerts'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
                'appendBlob'
              ]
              prefixMatch: [
                '${rawAlertContainer.name}/'
              ]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterModificationGreaterThan: rawAlertRetentionDays
                }
              }
            }
          }
        }
        {
          name: 'delete-dead-letters'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
                'appendBlob'
              ]
              prefixMatch: [
                '${deadLetterContainer.name}/'
              ]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterModificationGreaterThan: deadLetterRetentionDays
                }
              }
            }
          }
        }
      ]
    }
  }
}

// Deleting the account would take the evidence with it (an unlocked immutability policy can itself be deleted first). The lock
// stops deletion through Azure Resource Manager, `azd down` included, until someone with Owner or User Access
// Administrator removes it on purpose (docs/deploy.md).
resource evidenceAccountLock 'Microsoft.Authorization/locks@2020-05-01' = {
  name: 'evidence-account-cannot-delete'
  scope: account
  properties: {
    level: 'CanNotDelete'
    notes: 'Holds the evidence ledger and anchors of ServerlessIR incidents; remove deliberately (docs/deploy.md).'
  }
}

// The app's storage rights are narrowed to the stores it uses. Blob and Queue take an ABAC condition on the container or
// queue name (Azure supports conditions for both); Table does not support conditions, so each table is declared here and
// the app gets Table Data Contributor on each table, not on the account. Creating a container or queue is not a data
// action, so the Functions host and the Durable Task backend may still create theirs at start: the conditions decide
// what the app may read, write and delete inside them.

// Containers and queues named by others: the Functions host's (azure-webjobs-hosts for timer and host leases,
// azure-webjobs-secrets for its keys) and the Durable Task hub's (<hub>-leases, <hub>-applease, <hub>-largemessages, and
// the <hub>-control-NN and <hub>-workitems queues). The hub lower-cases its name for containers and queues.
var taskHubPrefix = '${toLower(taskHubName)}-'

// Tables the app uses: its own (TableNames.Tables), the evidence ledger and anchors (EvidenceStorageOptions), and the
// Durable Task hub's history, instances and partitions tables.
var appTableNames = [
  'Incidents'
  'Deliveries'
  'Correlation'
  'RejectedEvents'
  'PollerState'
  'approvaltokens'
  'dualcontrol'
  'notificationledger'
  'Evidence'
  'EvidenceAnchors'
  'RetentionSweeps'
  'ContainmentBudgets'
  '${taskHubName}History'
  '${taskHubName}Instances'
  '${taskHubName}Partitions'
]

// The conditions are written out as text, so the infra tests can read exactly what Azure will evaluate.
// Every data action of Storage Blob Data Contributor is allowed only inside: the app's own containers
// (ServerlessIR.Adapters/Storage/TableNames.cs and the evidence container), dead letters (the retention job purges them),
// the deployment package (Flex Consumption writes and reads it with the app's identity:
// functionAppConfig.deployment.storage.authentication), and the host's and the task hub's containers. Blob Data Owner
// (granted before) carries a wildcard data action that a condition cannot list; its extra rights (ACLs, ownership) need
// a hierarchical namespace, which this account does not have, so Contributor loses nothing.
var blobActionsOutsideTheCondition = '!(ActionMatches{\'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read\'}) AND !(ActionMatches{\'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write\'}) AND !(ActionMatches{\'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete\'}) AND !(ActionMatches{\'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/add/action\'}) AND !(ActionMatches{\'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/move/action\'})'
var containerName = '@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name]'
var appContainers = '${containerName} StringEquals \'${rawAlertContainerName}\' OR ${containerName} StringEquals \'${noticeDraftContainerName}\' OR ${containerName} StringEquals \'${evidenceContainerName}\' OR ${containerName} StringEquals \'${deadLetterContainerName}\' OR ${containerName} StringEquals \'${deploymentContainerName}\''
var hostContainers = '${containerName} StringStartsWith \'azure-webjobs-\' OR ${containerName} StringStartsWith \'${taskHubPrefix}\''
var blobCondition = '((${blobActionsOutsideTheCondition}) OR (${appContainers} OR ${hostContainers}))'

// Every data action of Storage Queue Data Contributor, only on the task hub's queues: the app itself uses no queue.
var queueActionsOutsideTheCondition = '!(ActionMatches{\'Microsoft.Storage/storageAccounts/queueServices/queues/messages/read\'}) AND !(ActionMatches{\'Microsoft.Storage/storageAccounts/queueServices/queues/messages/write\'}) AND !(ActionMatches{\'Microsoft.Storage/storageAccounts/queueServices/queues/messages/delete\'}) AND !(ActionMatches{\'Microsoft.Storage/storageAccounts/queueServices/queues/messages/process/action\'})'
var queueCondition = '((${queueActionsOutsideTheCondition}) OR (@Resource[Microsoft.Storage/storageAccounts/queueServices/queues:name] StringStartsWith \'${taskHubPrefix}\'))'

// Storage Blob Data Contributor for the app, limited by condition to the containers above.
resource appBlobContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, appIdentity.id, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    description: 'ServerlessIR app: blobs in its own containers, the host\'s and the task hub\'s only.'
    conditionVersion: '2.0'
    condition: blobCondition
  }
}

// Storage Queue Data Contributor for the app, limited by condition to the task hub's control and work-item queues
// (the app itself uses no queue).
resource appQueueContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, appIdentity.id, '974c5e8b-45b9-4653-ba55-5f855dd0fb88')
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '974c5e8b-45b9-4653-ba55-5f855dd0fb88')
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
    description: 'ServerlessIR app: the Durable Task hub\'s queues only.'
    conditionVersion: '2.0'
    condition: queueCondition
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2024-01-01' = {
  parent: account
  name: 'default'
}

// Declared so that each can carry its own role assignment; the app and the Durable Task backend still create them
// if missing, and take 409 (exists) or, with a table-scoped role, 403 on create as "exists".
resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2024-01-01' = [for table in appTableNames: {
  parent: tableService
  name: table
}]

// Storage Table Data Contributor for the app on each of its tables, never on the account.
resource appTableContributors 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for (table, i) in appTableNames: {
  name: guid(tables[i].id, appIdentity.id, '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3')
  scope: tables[i]
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3')
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}]

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
