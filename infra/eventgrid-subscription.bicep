// The Event Grid subscription that delivers relayed alerts to the webhook POST /api/events.
// Deployed by the azd postdeploy hook (hooks/postdeploy.sh), not by main.bicep: creating a
// webhook subscription runs the CloudEvents validation handshake against the function,
// which exists only after azd has deployed the code.
targetScope = 'resourceGroup'

@description('Name of the function app that serves /api/events.')
param functionAppName string

@description('Name of the Event Grid custom topic that receives relayed alerts.')
param eventGridTopicName string

@description('Name of the storage account holding the dead-letter container.')
param storageAccountName string

@description('Blob container for events that could not be delivered.')
param deadLetterContainerName string = 'deadletter'

@description('Application (client) ID of the Entra ID app registration (AUTH_CLIENT_ID). Set: Event Grid sends a bearer token for it with every delivery. Empty: deliveries carry only the function key header.')
param authClientId string = ''

@minValue(1)
@maxValue(30)
@description('Delivery attempts before an event is dead-lettered.')
param maxDeliveryAttempts int = 30

@minValue(1)
@maxValue(1440)
@description('Minutes Event Grid keeps retrying an event before it is dead-lettered.')
param eventTimeToLiveInMinutes int = 1440

resource functionApp 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

resource topic 'Microsoft.EventGrid/topics@2025-02-15' existing = {
  name: eventGridTopicName
}

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

// The Events function's own key, not the host's default key: it opens /api/events and nothing else.
resource eventsFunction 'Microsoft.Web/sites/functions@2024-04-01' existing = {
  parent: functionApp
  name: 'Events'
}

resource eventSubscription 'Microsoft.EventGrid/topics/eventSubscriptions@2025-02-15' = {
  parent: topic
  name: 'serverlessir-events'
  properties: {
    eventDeliverySchema: 'CloudEventSchemaV1_0'
    destination: {
      endpointType: 'WebHook'
      properties: {
        // /api/events is excluded from App Service Authentication: the app validates Event Grid's Entra token itself
        // (docs/deploy.md lists the claims). The function key goes in a header Event Grid marks secret (never shown by
        // the subscription's GET, never in a URL that lands in logs); the Functions host checks it before the app runs.
        // It is read inside ARM at deployment time: never a template parameter, never an output.
        endpointUrl: 'https://${functionApp.properties.defaultHostName}/api/events'
        azureActiveDirectoryTenantId: empty(authClientId) ? null : tenant().tenantId
        azureActiveDirectoryApplicationIdOrUri: empty(authClientId) ? null : authClientId
        deliveryAttributeMappings: [
          {
            name: 'x-functions-key'
            type: 'Static'
            properties: {
              value: eventsFunction.listKeys().default
              isSecret: true
            }
          }
        ]
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
        minimumTlsVersionAllowed: '1.2'
      }
    }
    retryPolicy: {
      maxDeliveryAttempts: maxDeliveryAttempts
      eventTimeToLiveInMinutes: eventTimeToLiveInMinutes
    }
    // Storage shared keys are off, so dead letters are written with the topic's
    // system-assigned identity (Storage Blob Data Contributor on this container only).
    deadLetterWithResourceIdentity: {
      identity: {
        type: 'SystemAssigned'
      }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: {
          resourceId: storage.id
          blobContainerName: deadLetterContainerName
        }
      }
    }
  }
}

output EVENT_GRID_SUBSCRIPTION_NAME string = eventSubscription.name
