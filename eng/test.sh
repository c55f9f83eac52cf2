#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: provisions what the tests need, builds the solution
# (which also builds the bundled plugins and the plugin fixtures), runs every test project, and fails
# when any test fails or when no test ran at all.
#
# What it provisions: the .NET SDK must be on PATH (it is on every machine of this kind). PostgreSQL 15 is
# installed (only when missing) and started from Debian's packages by eng/start-postgres.sh, as the dedicated
# cluster 15/reversepaas on 127.0.0.1:${REVERSEPAAS_PG_PORT:-55432}; its connection string is exported as
# REVERSEPAAS_TEST_POSTGRES for the PostgreSQL suites, unless the caller already set that variable to point
# them at another server. Redis 7 is installed (only when missing) and started the same way by
# eng/start-redis.sh, as a throw-away instance on 127.0.0.1:${REVERSEPAAS_REDIS_PORT:-56379}, exported as
# REVERSEPAAS_TEST_REDIS for the Redis lock suite unless the caller set it. Chromium, for the browser suite,
# is installed from Debian's packages by the function below, only when it is missing.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
results="$root/artifacts/test-results"
# Release by default: the suites are CPU-bound on a 2-core runner (hosts, child host processes, drills of thousands of
# requests), and optimised code ran the host suite in 745 s against 844 s for Debug, with a shorter build (135 s
# against 185 s) in the same kind of fresh-clone run (2026-12-06). CONFIGURATION=Debug runs the same suites on Debug.
configuration="${CONFIGURATION:-Release}"

# Each step says when it started (and the run how long it took), so a CI log shows where the minutes go.
started_at=$SECONDS
log() { printf '\n==> [%s, +%ds] %s\n' "$(date +%T)" "$((SECONDS - started_at))" "$*"; }

command -v dotnet >/dev/null || { echo "dotnet SDK not found on PATH" >&2; exit 2; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Chromium for the browser suite (tests/ReversePaas.Host.Tests/Browser): Debian's package, /usr/bin/chromium,
# driven by the Playwright package's bundled driver. Never `playwright install` or a browser download.
# Idempotent: when chromium is already on PATH this only prints where it is.
ensure_chromium() {
  if command -v chromium >/dev/null 2>&1; then
    echo "chromium is installed: $(command -v chromium)"
    return 0
  fi
  local as_root=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "chromium is missing and installing it needs root (or sudo)" >&2; return 1; }
    as_root=(sudo -n)
  fi
  echo "chromium is missing: installing Debian's chromium package"
  if ! { "${as_root[@]}" apt-get update -qq \
      && "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }; then
    echo "Could not install chromium with apt-get" >&2
    return 1
  fi
  command -v chromium >/dev/null || { echo "chromium is still not on PATH after installing it" >&2; return 1; }
  echo "chromium installed: $(command -v chromium)"
}

log "Ensuring Chromium for the browser suite"
ensure_chromium || { echo "FAILED: the browser tests need Chromium." >&2; exit 1; }

log "Starting PostgreSQL for the PostgreSQL suites"
if [ -z "${REVERSEPAAS_TEST_POSTGRES:-}" ]; then
  cs=$("$root/eng/start-postgres.sh" | tail -n 1)
  export REVERSEPAAS_TEST_POSTGRES="$cs"
  # The suites leave their databases behind (one per test class or host, a few hundred per run). Run after run they
  # pile up (4,400 on one development machine, 2026-12-06), and the autovacuum launcher visits every database once a
  # minute: a worker process started every 14 ms, for nothing. A rerun starts from a clean server, as on a fresh
  # machine. Only on the server started here, never on one the caller named.
  PGPASSWORD=reversepaas psql -X -q -h 127.0.0.1 -p "${REVERSEPAAS_PG_PORT:-55432}" -U reversepaas -d reversepaas -At \
    -c "SELECT format('DROP DATABASE IF EXISTS %I WITH (FORCE);', datname) FROM pg_database WHERE datname LIKE 'rp\_test\_%'" \
    | PGPASSWORD=reversepaas psql -X -q -h 127.0.0.1 -p "${REVERSEPAAS_PG_PORT:-55432}" -U reversepaas -d reversepaas >/dev/null
else
  echo "REVERSEPAAS_TEST_POSTGRES is set by the caller; not starting a local server."
fi

log "Starting Redis for the Redis lock suite"
if [ -z "${REVERSEPAAS_TEST_REDIS:-}" ]; then
  redis=$("$root/eng/start-redis.sh" | tail -n 1)
  export REVERSEPAAS_TEST_REDIS="$redis"
else
  echo "REVERSEPAAS_TEST_REDIS is set by the caller; not starting a local server."
fi

log "Starting RabbitMQ for the broker suites"
if [ -z "${REVERSEPAAS_TEST_RABBITMQ:-}" ]; then
  rabbitmq=$("$root/eng/start-rabbitmq.sh" | tail -n 1)
  export REVERSEPAAS_TEST_RABBITMQ="$rabbitmq"
else
  echo "REVERSEPAAS_TEST_RABBITMQ is set by the caller; not starting a local node."
fi

log "Restoring and building ReversePaas.sln ($configuration)"
dotnet build ReversePaas.sln -c "$configuration" -nologo -clp:ErrorsOnly

log "Packing ReversePaas.Sdk and the reversepaas tool into artifacts/feed (the local feed plugin teams' builds are tested against)"
rm -rf "$root/artifacts/feed"
dotnet pack kernel/ReversePaas.Sdk/ReversePaas.Sdk.csproj -c "$configuration" --no-build -nologo -o "$root/artifacts/feed" -v quiet
dotnet pack capability-catalog/ReversePaas.Cli/ReversePaas.Cli.csproj -c "$configuration" --no-build -nologo -o "$root/artifacts/feed" -v quiet
export REVERSEPAAS_TEST_FEED="$root/artifacts/feed"

# Whitespace only: the build above already enforces the code-style rules (EnforceCodeStyleInBuild) and the analyzers at
# their configured severities, with warnings as errors, which is what `dotnet format style` and `dotnet format analyzers`
# would check again at the cost of a second compilation of the whole solution (minutes of CPU on 2 cores).
log "Checking formatting (dotnet format whitespace --verify-no-changes)"
dotnet format whitespace ReversePaas.sln --verify-no-changes --no-restore -v quiet

log "Running tests"
rm -rf "$results"
status=0
dotnet test ReversePaas.sln -c "$configuration" --no-build -nologo \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" || status=$?

# Sum the counters of every TRX file: a run that executed nothing is a failure, never a pass.
total=0 passed=0 failed=0 skipped=0
shopt -s nullglob
trx_files=("$results"/*.trx)
for trx in "${trx_files[@]}"; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { printf '%s' "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  total=$((total + $(get executed)))
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done

echo
echo "Test projects: ${#trx_files[@]}, tests executed: $total (the run took $((SECONDS - started_at)) s)"
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ "${#trx_files[@]}" -eq 0 ] || [ "$total" -eq 0 ]; then
  echo "FAILED: no test ran." >&2
  exit 1
fi
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ]; then
  # Name each failed test and the first line of its message last, so the tail of a CI log says what failed.
  for trx in "${trx_files[@]}"; do
    tr -d '\r' <"$trx" | awk '
      /<UnitTestResult / && /outcome="Failed"/ { match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11); want = 1 }
      want && /<Message>/ { sub(/.*<Message>/, ""); sub(/<\/Message>.*/, ""); print "  failed: " name "\n          " substr($0, 1, 400); want = 0 }
    ' >&2
  done
  echo "FAILED: dotnet test exited $status with $failed failed test(s)." >&2
  exit 1
fi
echo "All tests passed."
