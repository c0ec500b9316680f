#!/bin/sh
# azd postdeploy hook: check the deployed app with `ir smoke`, then create or update the Event
# Grid subscription that delivers relayed alerts to POST /api/events. It runs after `azd deploy`
# because creating a webhook subscription performs the validation handshake against the deployed
# function.
# azd passes the environment's values (main.bicep outputs) as environment variables.
# Needs the Azure CLI signed in to the same tenant (az login) and the .NET SDK (for ./ir);
# see docs/deploy.md. SERVERLESSIR_SKIP_SMOKE=1 skips the smoke test.
set -eu

: "${AZURE_SUBSCRIPTION_ID:?not set: run this through azd (azd deploy / azd up)}"
: "${AZURE_RESOURCE_GROUP:?not set: run azd provision first}"
: "${AZURE_FUNCTION_APP_NAME:?not set: run azd provision first}"
: "${EVENT_GRID_TOPIC_NAME:?not set: run azd provision first}"
: "${AZURE_STORAGE_ACCOUNT_NAME:?not set: run azd provision first}"
deadletter_container="${AZURE_STORAGE_DEADLETTER_CONTAINER:-deadletter}"

script_dir=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
# ARM JSON compiled by the pinned Bicep CLI (Directory.Packages.props, BicepCliVersion), so what is deployed is
# what the offline checks tested, whatever Bicep version the Azure CLI would have used. Rebuild it with
# infra/build-templates.sh after changing eventgrid-subscription.bicep; a test fails while it is stale.
template="$script_dir/../eventgrid-subscription.json"

if [ "${SERVERLESSIR_SKIP_SMOKE:-}" != "1" ]; then
  # The Events function's own key (not the host-wide key) is read into this process only and handed to ./ir through its
  # environment, never printed and never on a command line. A cold app may not have created its keys yet: retry a while.
  key=""
  attempt=1
  while [ -z "$key" ]; do
    key=$(az functionapp function keys list --subscription "$AZURE_SUBSCRIPTION_ID" --resource-group "$AZURE_RESOURCE_GROUP" \
      --name "$AZURE_FUNCTION_APP_NAME" --function-name Events --query default --output tsv 2>/dev/null || true)
    if [ -z "$key" ]; then
      if [ "$attempt" -ge 10 ]; then
        echo "Could not read the function key of $AZURE_FUNCTION_APP_NAME; is the app running?" >&2
        exit 1
      fi
      attempt=$((attempt + 1))
      sleep 15
    fi
  done
  base_url="${AZURE_FUNCTION_APP_URI:-https://$AZURE_FUNCTION_APP_NAME.azurewebsites.net}"
  SERVERLESSIR_WEBHOOK_KEY="$key" "$script_dir/../../ir" smoke --base-url "$base_url" --wait-seconds 300
  unset key
fi

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
        authClientId="${AUTH_CLIENT_ID:-}" \
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
