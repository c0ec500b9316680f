// A Key Vault: main.bicep makes two, one for the credentials the pipeline reads (Salesforce and Graph credentials,
// the Teams Workflows webhook URL, signing and pseudonym keys) and one for the secrets containment rotates.
// Access is Azure RBAC only (no access policies); soft delete and purge protection keep a deleted secret recoverable.
@description('Name of the Key Vault.')
param name string

@description('Azure region.')
param location string

@description('Tags applied to the vault.')
param tags object

@description('Name of the function app\'s user-assigned managed identity.')
param appIdentityName string

@description('True for the vault of the secrets that containment rotates (keyvault.rotate-secret): the app gets Key Vault Secrets Officer there; on any other vault it only reads (Key Vault Secrets User).')
param isRotationVault bool = false

@description('Object ID of the operator running azd, given Key Vault Secrets Officer to create the generated keys and store credentials; empty for none.')
param operatorPrincipalId string = ''

@minValue(7)
@maxValue(90)
@description('Days a deleted vault or secret stays recoverable.')
param softDeleteRetentionInDays int = 90

@description('Name of the EC P-256 key that signs evidence anchors (main vault only; empty: none).')
param anchorSignerName string = ''

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

// The app reads secrets here; on the rotation vault it also writes new versions and disables old ones
// (keyvault.rotate-secret), which needs Secrets Officer. Keeping the approval-signing and pseudonym keys in a vault where
// the app only reads means a compromised app cannot replace them and forge approvals.
resource appSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!isRotationVault) {
  name: guid(vault.id, appIdentity.id, '4633458b-17de-408a-b874-0445c86b69e6')
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource appSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (isRotationVault) {
  name: guid(vault.id, appIdentity.id, 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7')
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7')
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Key Vault Secrets Officer for the operator, only when main.bicep is asked for it (operatorKeyVaultAccess): the
// postprovision hook creates the generated keys with the operator's sign-in, and credentials are never template
// parameters, so a person stores them. A standing grant would come back on every provision, so it is off by default;
// turning the parameter off later does not remove an assignment already made (docs/deploy.md says how).
resource operatorSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(operatorPrincipalId)) {
  name: guid(vault.id, operatorPrincipalId, 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7')
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7')
    principalId: operatorPrincipalId
  }
}

// The key that signs evidence anchors. Its private half never leaves the vault (not exportable); the app may sign with it
// and read its public half (Key Vault Crypto User on this key only, not the vault), so someone who can write the anchor
// table or blobs but cannot call the vault as the app cannot make a forged anchor verify.
resource anchorSigningKey 'Microsoft.KeyVault/vaults/keys@2024-11-01' = if (!isRotationVault && !empty(anchorSignerName)) {
  parent: vault
  name: empty(anchorSignerName) ? 'unused' : anchorSignerName
  properties: {
    kty: 'EC'
    curveName: 'P-256'
    keyOps: [
      'sign'
      'verify'
    ]
    attributes: {
      enabled: true
      exportable: false
    }
  }
}

resource appAnchorCryptoUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!isRotationVault && !empty(anchorSignerName)) {
  name: guid(anchorSigningKey.id, appIdentity.id, '12338af0-0e69-4776-bea7-57ae8d297424')
  scope: anchorSigningKey
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '12338af0-0e69-4776-bea7-57ae8d297424')
    principalId: appIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
output anchorSignerName string = anchorSignerName
