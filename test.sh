#!/usr/bin/env bash
# The whole test suite. Installs what it needs: Azurite (npm ci), Debian's Chromium for the browser test, NuGet packages
# (dotnet restore, including the Bicep CLI); starts ONE Azurite for the whole run; runs every test assembly; prints the
# per-assembly counts, the ten slowest tests and, on failure, each failing test with the first line of its message.
# Full logs and TRX files stay under .ir/test-logs/<run>/.
#
#   ./test.sh            everything (what CI runs)
#   ./test.sh --fast     the fast unit tests only: no storage, durable host, Bicep, browser or publish (test categories)
#   ./test.sh -- ARGS    extra arguments for every `dotnet test` (e.g. -- --filter "FullyQualifiedName~Evidence")
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

fast=0
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --fast) fast=1 ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "test.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export Logging__LogLevel__Default=Warning
start=$(date +%s)
run_id="$(date -u +%Y%m%d-%H%M%S)-$$"
logs="$root/.ir/test-logs/$run_id"
mkdir -p "$logs"

azurite_pid=""
cleanup() {
  local code=$?
  if [ -n "$azurite_pid" ] && kill -0 "$azurite_pid" 2>/dev/null; then
    kill -TERM "$azurite_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$azurite_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$azurite_pid" 2>/dev/null || true
  fi
  # Test hosts that outlived their run (a crash, a Ctrl-C) and our own background jobs.
  for pid in $(jobs -p); do kill -KILL "$pid" 2>/dev/null || true; done
  pkill -KILL -f "$root/tests/.*/bin/.*testhost" 2>/dev/null || true
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step() { echo "== $* ($(( $(date +%s) - start )) s)"; }

# --- installs ------------------------------------------------------------------------------------------------------
if [ ! -f node_modules/azurite/dist/src/azurite.js ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "npm ci (Azurite)"
  npm ci --no-audit --no-fund --loglevel=error
fi
if [ "$fast" -eq 0 ]; then
  # The browser test drives Debian's Chromium through Playwright (Playwright's own browser download cannot work here).
  # Installed when missing; if that is impossible the browser test fails and says why, it never passes without a browser.
  chromium="${IR_CHROMIUM:-/usr/bin/chromium}"
  if [ ! -x "$chromium" ]; then
    step "installing Debian's chromium (for the approval page browser test)"
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && sudo_cmd="sudo -n"
    if ! { $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >"$logs/apt.log" 2>&1; }; then
      echo "!! could not install chromium: the browser test will fail (install it, or set IR_CHROMIUM to a Chromium binary)" >&2
    fi
  fi
fi
step "dotnet restore"
dotnet restore ServerlessIR.sln -v quiet --disable-build-servers >"$logs/restore.log" 2>&1 || { cat "$logs/restore.log"; exit 1; }
step "dotnet build"
# No compiler or MSBuild servers: they would outlive the run (and shutting them down would stop other builds' too).
# The compiler server (VBCSCompiler) halves the build on two cores (85 s against 168 s from clean: without it each of the
# solution's projects starts a cold compiler). No MSBuild server or node reuse; the compiler server this build started is
# stopped once it is done, so nothing of it outlives the run (one that was already running, another build's, is left alone).
compilers_before=" $(pgrep -d ' ' -f 'VBCSCompiler' || true) "
build_status=0
dotnet build ServerlessIR.sln --no-restore -nodeReuse:false -p:UseSharedCompilation=true -nologo -v quiet -clp:ErrorsOnly >"$logs/build.log" 2>&1 || build_status=$?
for pid in $(pgrep -f 'VBCSCompiler' || true); do
  case "$compilers_before" in *" $pid "*) ;; *) kill -TERM "$pid" 2>/dev/null || true ;; esac
done
[ "$build_status" -eq 0 ] || { grep -E "error" "$logs/build.log" | sort -u | head -50; exit 1; }

# --- one Azurite for the run -----------------------------------------------------------------------------------------
# Every test that needs storage uses this one (IR_TEST_AZURITE_PORT), under its own table/container prefix and task hub;
# only the launcher's own tests start Azurites of their own. In memory: nothing to clean up between runs.
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if [ "$fast" -eq 0 ]; then
  port="${IR_TEST_AZURITE_PORT:-}"
  if [ -z "$port" ]; then
    for candidate in $(seq 20000 7 20700); do
      if ! listening "$candidate" && ! listening $((candidate + 1)) && ! listening $((candidate + 2)); then port=$candidate; break; fi
    done
  fi
  [ -n "$port" ] || { echo "!! no three free ports for Azurite between 20000 and 20702" >&2; exit 1; }
  step "starting Azurite on 127.0.0.1:$port-$((port + 2)) (in memory)"
  node node_modules/azurite/dist/src/azurite.js --silent --disableTelemetry --inMemoryPersistence --skipApiVersionCheck \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
    --blobPort "$port" --queuePort $((port + 1)) --tablePort $((port + 2)) >"$logs/azurite.log" 2>&1 &
  azurite_pid=$!
  # Readiness is all three ports answering. Azurite takes about 2.5 s on an idle machine and over 30 s on two busy cores.
  deadline=$(( $(date +%s) + ${IR_AZURITE_START_TIMEOUT_SECONDS:-180} ))
  until listening "$port" && listening $((port + 1)) && listening $((port + 2)); do
    if ! kill -0 "$azurite_pid" 2>/dev/null; then
      wait "$azurite_pid" && code=0 || code=$?
      echo "!! Azurite exited with code $code before listening. Last output:" >&2; tail -n 20 "$logs/azurite.log" >&2; exit 1
    fi
    if [ "$(date +%s)" -gt "$deadline" ]; then
      echo "!! Azurite (pid $azurite_pid) not listening on $port-$((port + 2)) after ${IR_AZURITE_START_TIMEOUT_SECONDS:-180} s. Last output:" >&2
      tail -n 20 "$logs/azurite.log" >&2; exit 1
    fi
    sleep 0.2
  done
  export IR_TEST_AZURITE_PORT="$port"
fi

# --- the tests -----------------------------------------------------------------------------------------------------
# Parallelism, measured on two cores (docs/testing.md has the figures; IR_TEST_LANES=1 runs one lane to compare):
# - Two lanes. Local.Tests mostly waits (incident clocks at a time scale, people's answers, HTTP), so it runs beside the
#   CPU-bound assemblies instead of after them; inside a lane assemblies run one at a time.
# - DOTNET_PROCESSOR_COUNT=32 only for Core.Tests: the in-process Durable Task test host caps work items at the processor
#   count and polls every 500 ms when full (docs/platform-notes.md); its xunit.runner.json caps xunit at 4 parallel test classes
#   so the 32 does not also mean 32 test classes at once. The other assemblies see the real two cores.
filter="Category!=Bench"
[ "$fast" -eq 1 ] && filter="Category!=Bench&Category!=Storage&Category!=Durable&Category!=Bicep&Category!=Browser&Category!=Publish"
# A --filter among the extra arguments narrows the suite's filter (dotnet test takes one --filter).
passed=()
while [ ${#extra[@]} -gt 0 ]; do
  if [ "${extra[0]}" = "--filter" ] && [ ${#extra[@]} -gt 1 ]; then
    filter="$filter&(${extra[1]})"; extra=("${extra[@]:2}")
  else
    passed+=("${extra[0]}"); extra=("${extra[@]:1}")
  fi
done
extra=(${passed[@]+"${passed[@]}"})
run_assembly() {
  local name=$1; shift
  local out="$logs/$name"
  mkdir -p "$out"
  # shellcheck disable=SC2068
  env "$@" dotnet test "tests/$name/$name.csproj" --no-build --nologo --filter "$filter" \
    --logger "trx;LogFileName=$name.trx" --results-directory "$out" ${extra[@]+"${extra[@]}"} \
    -- RunConfiguration.TreatNoTestsAsError=false >"$out/console.log" 2>&1
}
lane_a=(ServerlessIR.Local.Tests)
lane_b=(ServerlessIR.Core.Tests ServerlessIR.Adapters.Tests ServerlessIR.Functions.Tests ServerlessIR.Infra.Tests)
declare -A env_for=([ServerlessIR.Core.Tests]="DOTNET_PROCESSOR_COUNT=32")
run_lane() {
  local status=0
  for name in "$@"; do
    echo "   $name: started ($(( $(date +%s) - start )) s)"
    # shellcheck disable=SC2086
    run_assembly "$name" ${env_for[$name]:-IR_LANE=1} || status=1
    echo "   $name: finished ($(( $(date +%s) - start )) s)"
  done
  return $status
}
step "dotnet test (logs in ${logs#"$root/"})"
status=0
if [ "${IR_TEST_LANES:-2}" = "1" ]; then
  # One lane, for measuring against the two (docs/testing.md).
  run_lane "${lane_b[@]}" "${lane_a[@]}" || status=1
else
  run_lane "${lane_a[@]}" & lane_a_pid=$!
  run_lane "${lane_b[@]}" || status=1
  wait "$lane_a_pid" || status=1
fi

# --- what happened -------------------------------------------------------------------------------------------------
summary_status=0
python3 "$root/tests/summarize-trx.py" "$logs" || summary_status=$?
if [ "$status" -ne 0 ] && [ "$summary_status" -eq 0 ]; then
  # dotnet test failed without a failed test: a build, crash or host error. Show its words.
  for f in "$logs"/*/console.log; do
    grep -qE "error|Error|crash|aborted" "$f" && { echo "-- ${f#"$root/"}"; tail -n 30 "$f"; }
  done
fi
[ "$summary_status" -ne 0 ] && status=1
step "test suite finished in $(( $(date +%s) - start )) s (exit $status); full logs: ${logs#"$root/"}"
exit $status
