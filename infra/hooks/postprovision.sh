#!/bin/sh
# azd postprovision hook: create the secrets the app needs at start when they are absent, so the first
# `azd up` deploys an app that starts (azd runs this after provision and before deploy).
#
# - pseudonym-key: Evidence__PseudonymKey is a Key Vault reference to it; unresolved, the app refuses to start.
# - approval-signing-key: signs approval and notice links; read from the vault when the first approval is sent.
#
# Each is 32 random bytes, base64. An existing secret is never replaced: a new pseudonym key would stop new
# pseudonyms matching old ones, and a new signing key would void every link already sent. Values never reach
# the terminal, the azd log or a command line: they go from the random source to a file only this user can
# read, and `az keyvault secret set --file` reads them from there. The secret names are those of
# functions/ServerlessIR.Core/Secrets/SecretNames.cs.
#
# With KEY_VAULT_OPERATOR_ACCESS=true the operator's Key Vault Secrets Officer assignment (infra/app/keyvault.bicep) was
# created moments ago and can take minutes to reach the vault, so a refused call is retried for a while before the hook
# gives up. Without it the operator normally holds no role on the vault: one refused call then ends the key check with
# a note (the keys of an earlier deployment are where they were), not a failed provision.
#
# When main.bicep says EVIDENCE_POLICY_LOCK_PENDING=true (EVIDENCE_POLICY_LOCK asked, not yet done), the hook locks the
# evidence container's immutability policy, which Azure Resource Manager can only create unlocked, and records
# EVIDENCE_POLICY_LOCKED=true in the azd environment so later provisions leave the locked policy alone.
# Needs the Azure CLI signed in to the same tenant (az login); see docs/deploy.md.
set -eu

: "${AZURE_KEY_VAULT_NAME:?not set: run this through azd (azd provision / azd up)}"

secrets="pseudonym-key approval-signing-key"
max_attempts="${SERVERLESSIR_HOOK_ATTEMPTS:-20}"
wait_seconds="${SERVERLESSIR_HOOK_WAIT_SECONDS:-15}"
operator_access="${KEY_VAULT_OPERATOR_ACCESS:-false}"
if [ "$operator_access" != "true" ]; then
  max_attempts=1
fi

workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT INT TERM
chmod 700 "$workdir"

# Retries "$@" while it fails (role assignment propagation); its error output is kept for the last report only.
retry() {
  attempt=1
  while :; do
    if "$@" 2>"$workdir/error"; then
      return 0
    fi
    if [ "$attempt" -ge "$max_attempts" ]; then
      echo "Giving up after $attempt attempts: $(tail -n 3 "$workdir/error")" >&2
      return 1
    fi
    echo "Key Vault refused the call (attempt $attempt of $max_attempts; the role assignment may still be propagating); retrying in ${wait_seconds} s." >&2
    attempt=$((attempt + 1))
    sleep "$wait_seconds"
  done
}

# Names of the secrets in the vault, one a line (names only: listing never returns values).
list_names() {
  az keyvault secret list --vault-name "$AZURE_KEY_VAULT_NAME" --query "[].name" --output tsv >"$workdir/names"
}

# Names of deleted (soft-deleted, recoverable) secrets: setting one of those names fails until it is recovered.
list_deleted() {
  az keyvault secret list-deleted --vault-name "$AZURE_KEY_VAULT_NAME" --query "[].name" --output tsv >"$workdir/deleted"
}

new_key() {
  # 32 random bytes as base64 (44 characters, no line break), written with this user's permissions only.
  (umask 077 && dd if=/dev/urandom bs=32 count=1 2>/dev/null | base64 | tr -d '\n' >"$workdir/value")
}

set_secret() {
  az keyvault secret set --vault-name "$AZURE_KEY_VAULT_NAME" --name "$1" --file "$workdir/value" --encoding utf-8 \
    --content-type "text/plain; base64 key" --output none
}

recover_secret() {
  az keyvault secret recover --vault-name "$AZURE_KEY_VAULT_NAME" --name "$1" --output none
}

# Locks the evidence container's time-based retention policy: irreversible by design (docs/deploy.md).
lock_evidence_policy() {
  : "${AZURE_RESOURCE_GROUP:?not set: run azd provision first}"
  : "${AZURE_STORAGE_ACCOUNT_NAME:?not set: run azd provision first}"
  container="${AZURE_STORAGE_EVIDENCE_CONTAINER:-evidence}"
  state=$(az storage container immutability-policy show --resource-group "$AZURE_RESOURCE_GROUP" \
    --account-name "$AZURE_STORAGE_ACCOUNT_NAME" --container-name "$container" --query state --output tsv)
  etag=$(az storage container immutability-policy show --resource-group "$AZURE_RESOURCE_GROUP" \
    --account-name "$AZURE_STORAGE_ACCOUNT_NAME" --container-name "$container" --query etag --output tsv)
  if [ "$state" = "Unlocked" ]; then
    az storage container immutability-policy lock --resource-group "$AZURE_RESOURCE_GROUP" \
      --account-name "$AZURE_STORAGE_ACCOUNT_NAME" --container-name "$container" --if-match "$etag" --output none
    echo "Evidence immutability policy on $container locked."
  else
    echo "Evidence immutability policy on $container is $state; left as it is."
  fi
  azd env set EVIDENCE_POLICY_LOCKED true
}

check_generated_keys() {
  if ! retry list_names; then
    if [ "$operator_access" != "true" ]; then
      echo "No access to Key Vault $AZURE_KEY_VAULT_NAME (KEY_VAULT_OPERATOR_ACCESS is off): the generated keys were not checked." >&2
      echo "On a first deployment run: azd env set KEY_VAULT_OPERATOR_ACCESS true && azd provision (docs/deploy.md)." >&2
      return 0
    fi
    return 1
  fi
  retry list_deleted
  create_missing_keys
}

create_missing_keys() {
  for name in $secrets; do
    if grep -qx "$name" "$workdir/names"; then
      echo "Key Vault secret $name exists; left as it is."
      continue
    fi
    if grep -qx "$name" "$workdir/deleted"; then
      # A vault recovered after `azd down` keeps its deleted secrets: bring the old key back rather than
      # minting a new one, so pseudonyms and links made with it stay valid.
      retry recover_secret "$name"
      echo "Key Vault secret $name was deleted; recovered it."
      continue
    fi
    new_key
    retry set_secret "$name"
    rm -f "$workdir/value"
    echo "Key Vault secret $name created (32 random bytes, base64)."
  done
}

check_generated_keys
if [ "${EVIDENCE_POLICY_LOCK_PENDING:-false}" = "true" ]; then
  lock_evidence_policy
fi
