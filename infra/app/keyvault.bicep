// Key Vault for the credentials the pipeline uses: Salesforce and Graph credentials, the
// Teams Workflows webhook URL, signing keys. Access is Azure RBAC only (no access policies);
// soft delete and purge protection keep a deleted secret recoverable.
@description('Name of the Key Vault.')
param name string

@description('Azure region.')
param location string

@description('Tags applied to the vault.')
param tags object

@description('Name of the function app\'s user-assigned managed identity.')
param appIdentityName string

@description('Object ID of the operator running azd: the postprovision hook creates generated keys and the operator stores credentials; empty to skip.')
param operatorPrincipalId string = ''

@minValue(7)
@maxValue(90)
@description('Days a deleted vault or secret stays recoverable.')
param softDeleteRetentionInDays int = 90

resource appIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: appIdentityName
}

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

// Key Vault Secrets Officer, not Secrets User: the containment step keyvault.rotate-secret
// writes a new version of a leaked secret and disables the old ones, which Secrets User
// (read-only) cannot do. Scoped to this vault only; no key or certificate rights.
resource appSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, appIdentity.id, 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7')
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7')
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Key Vault Secrets Officer for the operator running azd: the postprovision hook (hooks/postprovision.sh) creates the
// generated keys the app needs at start with the operator's own sign-in, and the Salesforce, Graph and Teams
// credentials are never template parameters, so a person stores them in the vault (docs/deploy.md). Every
// `azd provision` declares it again, so removing it by hand lasts only until the next provision.
resource operatorSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(operatorPrincipalId)) {
  name: guid(vault.id, operatorPrincipalId, 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7')
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7')
    principalId: operatorPrincipalId
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
