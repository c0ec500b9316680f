#!/bin/sh
# azd postdeploy hook: create or update the Event Grid subscription that delivers relayed
# alerts to POST /api/events. It runs after `azd deploy` because creating a webhook
# subscription performs the validation handshake against the deployed function.
# azd passes the environment's values (main.bicep outputs) as environment variables.
# Needs the Azure CLI signed in to the same tenant (az login); see docs/deploy.md.
set -eu

: "${AZURE_SUBSCRIPTION_ID:?not set: run this through azd (azd deploy / azd up)}"
: "${AZURE_RESOURCE_GROUP:?not set: run azd provision first}"
: "${AZURE_FUNCTION_APP_NAME:?not set: run azd provision first}"
: "${EVENT_GRID_TOPIC_NAME:?not set: run azd provision first}"
: "${AZURE_STORAGE_ACCOUNT_NAME:?not set: run azd provision first}"
deadletter_container="${AZURE_STORAGE_DEADLETTER_CONTAINER:-deadletter}"

script_dir=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
template="$script_dir/../eventgrid-subscription.bicep"

# A Flex Consumption app may still be cold right after deployment: the host key may not
# exist yet and the handshake may time out, so retry a few times before giving up.
attempt=1
max_attempts=5
while :; do
  if az deployment group create \
      --subscription "$AZURE_SUBSCRIPTION_ID" \
      --resource-group "$AZURE_RESOURCE_GROUP" \
      --name serverlessir-eventgrid-subscription \
      --template-file "$template" \
      --parameters \
        functionAppName="$AZURE_FUNCTION_APP_NAME" \
        eventGridTopicName="$EVENT_GRID_TOPIC_NAME" \
        storageAccountName="$AZURE_STORAGE_ACCOUNT_NAME" \
        deadLetterContainerName="$deadletter_container" \
      --output none; then
    echo "Event Grid subscription for $AZURE_FUNCTION_APP_NAME /api/events is in place."
    exit 0
  fi
  if [ "$attempt" -ge "$max_attempts" ]; then
    echo "Event Grid subscription failed after $attempt attempts; rerun: azd hooks run postdeploy" >&2
    exit 1
  fi
  echo "Attempt $attempt failed; retrying in 30 s while the function app warms up." >&2
  attempt=$((attempt + 1))
  sleep 30
done
