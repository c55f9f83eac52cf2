#!/usr/bin/env bash
# Load against the real host, and (on PostgreSQL) the workload's own floor in the same run.
#
#   benchmarks/run-load.sh [sqlite|postgres] [clients] [seconds] [apply|full]
#
# Builds the host and the load generator in Release, starts the host (Development keys, warnings-only logging) on a
# fresh database of the chosen engine, runs the generator (benchmarks/ReversePaas.LoadGenerator), stops the host, and
# on PostgreSQL runs the floor on the same database (benchmarks/run-floor.sh: the host's own SQL for an application
# and its background work, by pgbench, as many clients for as long) and prints apply rate / floor rate, p99 / floor
# p99 and CPU per application / floor CPU (docs/benchmarks.md, "The workload's own floor"). The old comparison with
# single-row INSERTs is gone: it was the wrong floor.
#
# HOST_ARGS adds host settings ("HOST_ARGS=--OpenTelemetry:Metrics=false" measures the host without metrics);
# SCRAPE_EVERY=<seconds> scrapes /metrics that often while the generator runs, as Prometheus would.
set -euo pipefail
cd "$(dirname "$0")/.."
engine="${1:-postgres}"; clients="${2:-64}"; seconds="${3:-20}"; flow="${4:-apply}"
port="${PORT:-5090}" # PORT=… when another run (or the simulators server) holds 5090
work="$(mktemp -d /tmp/reversepaas-load.XXXXXX)"

dotnet build kernel/ReversePaas.Host -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build benchmarks/ReversePaas.LoadGenerator -c Release -nologo -clp:ErrorsOnly >/dev/null

if [[ "$engine" == postgres ]]; then
  server="$(eng/start-postgres.sh | tail -n 1)"
  db="rp_load_$(date +%s)"
  PGPASSWORD=reversepaas psql -X -q -h 127.0.0.1 -p 55432 -U reversepaas -d reversepaas -c "CREATE DATABASE $db" >/dev/null
  # The pool is the host's default (4 per core, at least 8) unless POOL sets one: "POOL=200 benchmarks/run-load.sh …".
  connection="Host=127.0.0.1;Port=55432;Username=reversepaas;Password=reversepaas;Database=$db${POOL:+;Maximum Pool Size=$POOL}"
else
  connection="Data Source=$work/load.db"
fi

# From its own folder: the content root holds appsettings.Development.json (the Development API keys).
(cd kernel/ReversePaas.Host/bin/Release/net10.0 && exec dotnet ReversePaas.Host.dll \
  --urls "http://127.0.0.1:$port" --environment Development \
  "--ConnectionStrings:ReversePaas=$connection" \
  --Logging:LogLevel:Default=Warning --Logging:LogLevel:Microsoft.Hosting.Lifetime=Information --RateLimiting:Enabled=false \
  ${HOST_ARGS:-} >"$work/host.log" 2>&1) &
host_pid=$!
scraper_pid=""
trap 'kill $scraper_pid "$host_pid" 2>/dev/null || true; wait "$host_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  sleep 0.5 # waiting for a server to come up, bounded
done
curl -fs "http://127.0.0.1:$port/readyz" >/dev/null || { cat "$work/host.log"; echo "host did not become ready" >&2; exit 1; }

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GB"
echo "== host on $engine, $clients clients, $seconds s, flow $flow${HOST_ARGS:+, host args $HOST_ARGS}${SCRAPE_EVERY:+, /metrics scraped every $SCRAPE_EVERY s}"
if [[ -n "${SCRAPE_EVERY:-}" ]]; then
  (while true; do
    curl -fs -o /dev/null "http://127.0.0.1:$port/metrics" && echo ok || echo failed
    sleep "$SCRAPE_EVERY" # a scrape interval, as Prometheus's
  done >"$work/scrapes.txt") &
  scraper_pid=$!
fi
dotnet benchmarks/ReversePaas.LoadGenerator/bin/Release/net10.0/ReversePaas.LoadGenerator.dll \
  --url "http://127.0.0.1:$port" --clients "$clients" --seconds "$seconds" --flow "$flow" --label "$engine" --host-pid "$(pgrep -f "ReversePaas.Host.dll --urls http://127.0.0.1:$port" | head -n 1)" --expected-rate "${EXPECTED_RATE:-800}" | tee "$work/load.txt"
if [[ -n "$scraper_pid" ]]; then
  kill "$scraper_pid"; wait "$scraper_pid" 2>/dev/null || true
  echo "== /metrics scrapes: $(grep -c '^ok' "$work/scrapes.txt" || true) answered, $(grep -c '^failed' "$work/scrapes.txt" || true) failed"
fi
kill "$host_pid"; wait "$host_pid" 2>/dev/null || true

if [[ "$engine" == postgres ]]; then
  # The floor of this workload (issue 20): the host's own SQL for an application and its background work, by pgbench
  # with as many clients for as long, on the same database in the same sitting (benchmarks/run-floor.sh).
  echo "== floor: the host's SQL by pgbench, $clients clients, $seconds s"
  benchmarks/run-floor.sh "$db" "$clients" "$seconds" | tee "$work/floor.txt"
  python3 - "$work/load.txt" "$work/floor.txt" <<'PY'
import re, sys
load, floor = open(sys.argv[1]).read(), open(sys.argv[2]).read()
rate = float(re.search(r"^apply\s+(\d+) req/s", load, re.M)[1])
p99 = float(re.search(r"^apply .*p99\s+([\d.]+) ms", load, re.M)[1])
cpu = float(re.search(r"until drained\):.*total ([\d.]+)", load)[1])
f_rate = float(re.search(r"floor-apply tps=(\d+)", floor)[1])
f_p99 = float(re.search(r"floor-apply .*p99_ms=([\d.]+)", floor)[1])
f_cpu = float(re.search(r"floor-apply .*cpu_ms_per_tx=([\d.]+)", floor)[1]) + float(re.search(r"floor-background .*cpu_ms_per_change=([\d.]+)", floor)[1])
print(f"== against the floor: apply rate {rate:.0f} / {f_rate:.0f} = {rate / f_rate:.2f};  p99 {p99:.0f} / {f_p99:.0f} ms = {p99 / f_p99:.1f}x;"
      f"  CPU per application {cpu:.3f} / {f_cpu:.3f} ms = {cpu / f_cpu:.1f}x")
PY
fi
