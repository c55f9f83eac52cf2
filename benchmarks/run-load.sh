#!/usr/bin/env bash
# Load against the real host, and the database's own ceiling in the same run.
#
#   benchmarks/run-load.sh [sqlite|postgres] [clients] [seconds] [apply|full]
#
# Builds the host and the load generator in Release, starts the host (Development keys, warnings-only logging) on a
# fresh database of the chosen engine, runs the generator (benchmarks/ReversePaas.LoadGenerator), stops the host, and
# on PostgreSQL runs pgbench with as many single-row INSERT transactions, from as many clients, as the generator made
# writes: the ceiling the apply rate is compared with (docs/benchmarks.md).
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
  writes="$(grep -oP '^writes=\K[0-9]+' "$work/load.txt")"
  per_client=$(( (writes + clients - 1) / clients ))
  PGPASSWORD=reversepaas psql -X -q -h 127.0.0.1 -p 55432 -U reversepaas -d "$db" \
    -c "CREATE TABLE pgbench_ceiling (id bigserial PRIMARY KEY, order_id varchar(64) NOT NULL, payload varchar(200) NOT NULL, at timestamptz NOT NULL DEFAULT now())" >/dev/null
  echo "INSERT INTO pgbench_ceiling (order_id, payload) VALUES ('O-' || :client_id, 'single-row insert, one transaction');" >"$work/insert.sql"
  echo "== pgbench ceiling: $clients clients × $per_client single-row INSERT transactions (= the generator's $writes writes)"
  PGPASSWORD=reversepaas pgbench -n -h 127.0.0.1 -p 55432 -U reversepaas -c "$clients" -j 2 -t "$per_client" -f "$work/insert.sql" "$db" \
    | grep -E "tps|latency average"
fi
