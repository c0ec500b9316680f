#!/usr/bin/env bash
# The whole test suite. Installs what it needs: NuGet packages (dotnet restore, including the Bicep CLI),
# Azurite (npm ci), and starts Azurite for the tests that use the real storage emulator.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# The in-process Durable Task test host caps work items at the processor count and polls slowly when full (PLATFORM-NOTES.md).
export DOTNET_PROCESSOR_COUNT=32
export Logging__LogLevel__Default=Warning

start=$(date +%s)
echo "== npm ci (Azurite)"
npm ci --no-audit --no-fund --loglevel=error
# The browser test drives Debian's Chromium through Playwright (Playwright's own browser download cannot work here).
# Installed when missing; if that is impossible the browser test fails and says why, it never passes without a browser.
chromium="${IR_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  echo "== installing Debian's chromium (for the approval page browser test)"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && sudo_cmd="sudo -n"
  if ! { $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null; }; then
    echo "!! could not install chromium: the browser test will fail (install it, or set IR_CHROMIUM to a Chromium binary)" >&2
  fi
fi
echo "== dotnet restore"
dotnet restore ServerlessIR.sln -v quiet

# Tests that talk to Azurite on its default ports get one here, unless one is already listening.
azurite_pid=""
if ! (exec 3<>/dev/tcp/127.0.0.1/10002) 2>/dev/null; then
  echo "== starting Azurite on 127.0.0.1:10000-10002 (in memory)"
  node node_modules/azurite/dist/src/azurite.js --silent --disableTelemetry --inMemoryPersistence --skipApiVersionCheck \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 &
  azurite_pid=$!
  trap '[ -n "$azurite_pid" ] && kill "$azurite_pid" 2>/dev/null || true' EXIT
  for _ in $(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/10002) 2>/dev/null && break; sleep 0.2; done
fi
export SERVERLESSIR_TABLES_CONNECTION="UseDevelopmentStorage=true"

echo "== dotnet build"
dotnet build ServerlessIR.sln --no-restore -nologo -v quiet -clp:ErrorsOnly
echo "== dotnet test"
status=0
dotnet test ServerlessIR.sln --no-build --nologo --filter "Category!=Bench" -- RunConfiguration.TreatNoTestsAsError=false || status=$?
echo "== test suite finished in $(( $(date +%s) - start )) s (exit $status)"
exit $status
