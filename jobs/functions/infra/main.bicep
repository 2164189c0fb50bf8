// The Function App of the suite's unattended side (the relay job), with what it needs in Azure:
// its storage (the Functions host's leases and the deployment package), Application Insights over
// a Log Analytics workspace, and the user-assigned managed identity it runs as. No key and no
// secret: the app reaches its storage and Application Insights as that identity, and SharePoint and
// Graph with that identity's tokens once the permissions of docs/relay-job.md are granted to it.
//
//   az deployment group create -g <resource group> -f jobs/functions/infra/main.bicep \
//     -p baseName=<name> siteUrl=https://<tenant>.sharepoint.com/sites/<hub> sender=<mailbox UPN>
//
// Plan: Flex Consumption (Linux), Node.js 20, the Functions runtime 4.

@description('Prefix of every resource name (letters and digits, 3 to 11 characters).')
@minLength(3)
@maxLength(11)
param baseName string

@description('Region of every resource.')
param location string = resourceGroup().location

@description('The hub site holding the relay lists, e.g. https://contoso.sharepoint.com/sites/intranet.')
param siteUrl string

@description('The mailbox (UPN) the notifications are sent from, e.g. customer-feedback@contoso.com.')
param sender string

@description('Graph root without its version (another value only for a national cloud).')
param graphBaseUrl string = 'https://graph.microsoft.com'

@description('Pages the messages link to; empty: the site\'s Customer-insights.aspx and My-relays.aspx.')
param dashboardUrl string = ''
param myRelaysUrl string = ''

@description('Also post to the recipients\' Teams activity feeds (needs TeamsActivity.Send).')
param teamsActivity bool = false

@description('Most instances the app may scale to (a timer runs on one at a time).')
param maximumInstanceCount int = 40

var suffix = uniqueString(resourceGroup().id, baseName)
var storageName = toLower('${baseName}${suffix}')
var deploymentContainer = 'app-package'

// Built-in role ids (https://learn.microsoft.com/en-us/azure/role-based-access-control/built-in-roles).
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${baseName}-relay-job'
  location: location
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: take(storageName, 24)
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    // Identity only: no account key to leak.
    allowSharedKeyAccess: false
    supportsHttpsTrafficOnly: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource packageContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainer
}

resource storageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in [roles.storageBlobDataOwner, roles.storageQueueDataContributor, roles.storageTableDataContributor]: {
  name: guid(storage.id, identity.id, role)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}]

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${baseName}-logs'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${baseName}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    // Telemetry only from the app's identity (Entra authentication), not from anyone holding the key.
    DisableLocalAuth: true
  }
}

resource insightsRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(insights.id, identity.id, roles.monitoringMetricsPublisher)
  scope: insights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${baseName}-plan'
  location: location
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: '${baseName}-jobs-${take(suffix, 6)}'
  location: location
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainer}'
          authentication: { type: 'UserAssignedIdentity', userAssignedIdentityResourceId: identity.id }
        }
      }
      scaleAndConcurrency: { maximumInstanceCount: maximumInstanceCount, instanceMemoryMB: 2048 }
      runtime: { name: 'node', version: '20' }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        // The Functions host's own storage (timer schedules, singleton leases), as the identity.
        { name: 'AzureWebJobsStorage__accountName', value: storage.name }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identity.properties.clientId }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identity.properties.clientId};Authorization=AAD' }
        // The job (jobs/functions/settings.ts checks them at start and on every run).
        { name: 'RELAY_SITE_URL', value: siteUrl }
        { name: 'RELAY_SENDER', value: sender }
        { name: 'GRAPH_BASE_URL', value: graphBaseUrl }
        { name: 'RELAY_DASHBOARD_URL', value: dashboardUrl }
        { name: 'RELAY_MY_RELAYS_URL', value: myRelaysUrl }
        { name: 'RELAY_TEAMS_ACTIVITY', value: teamsActivity ? '1' : '0' }
        { name: 'RELAY_CREDENTIAL', value: 'managedIdentity' }
        { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
      ]
    }
  }
  dependsOn: [
    storageRoles
    insightsRole
    packageContainer
  ]
}

@description('The Function App to deploy the zip to.')
output functionAppName string = app.name

@description('The identity to grant SharePoint (Sites.Selected and the site) and Graph permissions to.')
output identityPrincipalId string = identity.properties.principalId

@description('Its application (client) id: the id used by the site grant and by Exchange RBAC.')
output identityClientId string = identity.properties.clientId
