// The custom topic that relayed alerts (the Salesforce poller, other sources) publish to.
// Publishers authenticate with Entra ID only (local auth off); the topic's own identity is
// what writes dead-lettered events to blob storage, where shared keys are off too.
@description('Name of the Event Grid topic.')
param name string

@description('Azure region.')
param location string

@description('Tags applied to the topic.')
param tags object

@description('Name of the function app\'s user-assigned managed identity, which publishes polled alerts.')
param appIdentityName string

resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: appIdentityName
}

resource topic 'Microsoft.EventGrid/topics@2025-02-15' = {
  name: name
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    inputSchema: 'CloudEventSchemaV1_0'
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
    minimumTlsVersionAllowed: '1.2'
  }
}

// EventGrid Data Sender: the timer-triggered Salesforce poller publishes each new
// threat-detection event to this topic; the role allows publishing and nothing else.
resource appDataSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(topic.id, appIdentity.id, 'd5a91429-5739-47e2-a06b-3470a27159e7')
  scope: topic
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'd5a91429-5739-47e2-a06b-3470a27159e7')
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

output name string = topic.name
output id string = topic.id
output endpoint string = topic.properties.endpoint
output principalId string = topic.identity.principalId
