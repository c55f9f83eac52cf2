#!/usr/bin/env bash
# Cold and hot data (issue 20, item 3): the hot table's size and the apply rate as archived rows accumulate.
#
#   benchmarks/run-archive.sh [stages] [rows-per-stage] [clients] [seconds]      (default 4 250000 16 15)
#
# PostgreSQL only. Builds the host and the load generator in Release, starts the host on a fresh database with the
# archive mover every second (Archive:Interval=${INTERVAL:-00:00:01}, Archive:BatchSize=${BATCH:-5000}), then per stage: seeds
# rows-per-stage finished after-sales (Completed, one line each, last changed 200 days ago) straight into the hot
# tables by SQL (generate_series), in chunks of CHUNK (25,000), waiting after each until the host's mover has archived
# it, runs VACUUM on the hot
# tables (what autovacuum does in time: the moved rows' space becomes reusable), and prints the hot and archive tables'
# rows and sizes (pg_total_relation_size) and a short apply-rate measurement by the load generator.
# The figures and the command are in docs/benchmarks.md, "Cold and hot data".
set -euo pipefail
cd "$(dirname "$0")/.."
stages="${1:-4}"; rows="${2:-250000}"; clients="${3:-16}"; seconds="${4:-15}"; chunk="${CHUNK:-25000}"
port="${PORT:-5094}" # PORT=… when another run holds 5094
work="$(mktemp -d /tmp/reversepaas-archive.XXXXXX)"

dotnet build kernel/ReversePaas.Host -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build benchmarks/ReversePaas.LoadGenerator -c Release -nologo -clp:ErrorsOnly >/dev/null

eng/start-postgres.sh >/dev/null
db="rp_archive_$(date +%s)"
psql_db() { PGPASSWORD=reversepaas psql -X -q -t -A -h 127.0.0.1 -p 55432 -U reversepaas -d "$1" "${@:2}"; }
psql_db reversepaas -c "CREATE DATABASE $db" >/dev/null
connection="Host=127.0.0.1;Port=55432;Username=reversepaas;Password=reversepaas;Database=$db"

# From its own folder: the content root holds appsettings.Development.json (the Development API keys).
(cd kernel/ReversePaas.Host/bin/Release/net10.0 && exec dotnet ReversePaas.Host.dll \
  --urls "http://127.0.0.1:$port" --environment Development \
  "--ConnectionStrings:ReversePaas=$connection" \
  --Logging:LogLevel:Default=Warning --Logging:LogLevel:Microsoft.Hosting.Lifetime=Information \
  --Logging:LogLevel:ReversePaas.Persistence.Archive=Information --RateLimiting:Enabled=false \
  "--Archive:Interval=${INTERVAL:-00:00:01}" "--Archive:BatchSize=${BATCH:-5000}" >"$work/host.log" 2>&1) &
host_pid=$!
trap 'kill "$host_pid" 2>/dev/null || true; wait "$host_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  sleep 0.5 # waiting for a server to come up, bounded
done
curl -fs "http://127.0.0.1:$port/readyz" >/dev/null || { cat "$work/host.log"; echo "host did not become ready" >&2; exit 1; }
host_dll_pid="$(pgrep -f "ReversePaas.Host.dll --urls http://127.0.0.1:$port" | head -n 1)"

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== $stages stages x $rows seeded after-sales in chunks of $chunk, batch ${BATCH:-5000}, apply load $clients clients x $seconds s"
printf '%-6s %10s %10s %12s %12s %12s %10s %9s %8s %s\n' stage archived hot_rows hot_size hot_lines archive_size move_s apply/s p99_ms loadavg

measure() { # stage, seconds the move took
  psql_db "$db" -c "VACUUM after_sales, after_sale_lines" >/dev/null
  local archived hot hot_size lines_size archive_size
  archived="$(psql_db "$db" -c "SELECT count(*) || '/' || (SELECT count(*) FROM archive.archived_after_sale_lines) FROM archive.archived_after_sales")"
  hot="$(psql_db "$db" -c "SELECT count(*) FROM after_sales")"
  hot_size="$(psql_db "$db" -c "SELECT pg_size_pretty(pg_total_relation_size('after_sales'))")"
  lines_size="$(psql_db "$db" -c "SELECT pg_size_pretty(pg_total_relation_size('after_sale_lines'))")"
  archive_size="$(psql_db "$db" -c "SELECT pg_size_pretty(pg_total_relation_size('archive.archived_after_sales') + pg_total_relation_size('archive.archived_after_sale_lines'))")"
  dotnet benchmarks/ReversePaas.LoadGenerator/bin/Release/net10.0/ReversePaas.LoadGenerator.dll \
    --url "http://127.0.0.1:$port" --clients "$clients" --seconds "$seconds" --flow apply --label "archive-$1" \
    --host-pid "$host_dll_pid" --expected-rate "${EXPECTED_RATE:-800}" >"$work/load-$1.txt"
  local rate p99
  rate="$(awk '/^apply / {print $2}' "$work/load-$1.txt")"
  p99="$(sed -n 's/^apply .*p99 *\([0-9.]*\) ms.*/\1/p' "$work/load-$1.txt")"
  printf '%-6s %10s %10s %12s %12s %12s %10s %9s %8s %s\n' "$1" "$archived" "$hot" "$hot_size" "$lines_size" "$archive_size" "$2" "$rate" "$p99" "$(cut -d' ' -f1 /proc/loadavg)"
}

measure 0 -
for stage in $(seq 1 "$stages"); do
  started=$(date +%s)
  # In chunks (CHUNK, default 25,000), each archived and vacuumed before the next is seeded, as finished after-sales age
  # into the archive a few at a time in production: seeding a whole stage at once made the hot table as large as the
  # stage (the first run, 2026-12-06: 45 → 91 MB), which says how much was seeded, not how much was archived.
  for first in $(seq 1 "$chunk" "$rows"); do
    last=$(( first + chunk - 1 < rows ? first + chunk - 1 : rows ))
    # Finished, old, one line each: what the mover takes. Ids carry the stage so that stages never collide.
    # One transaction: the mover runs every 5 s and must not take an after-sale before its line is in.
    psql_db "$db" -v ON_ERROR_STOP=1 <<SQL >/dev/null
BEGIN;
INSERT INTO after_sales (after_sale_id, order_id, type, status, business_identity, reason, applicant_role, applicant_subject,
    user_id, vender_id, refund_amount, freight_refund, return_arranged, refund_attempts, created_at, updated_at, version, evidence)
SELECT 'AS-SEED-$stage-' || g, 'SEED-$stage-' || g, 'RefundOnly', 'Completed', 'retail.self', 'seeded', 'User', 'u-seed',
    'u-seed', 'v-seed', 10.00, 0, false, 0, now() - interval '200 days', now() - interval '200 days', 1, '[]'
FROM generate_series($first, $last) g;
INSERT INTO after_sale_lines (after_sale_id, line_no, order_id, sku_id, sku_name, quantity, refund_amount)
SELECT 'AS-SEED-$stage-' || g, 1, 'SEED-$stage-' || g, 'A', 'seeded item', 1, 10.00
FROM generate_series($first, $last) g;
COMMIT;
SQL
    target=$(( (stage - 1) * rows + last ))
    while [[ "$(psql_db "$db" -c "SELECT count(*) FROM archive.archived_after_sales")" -lt "$target" ]]; do
      kill -0 "$host_pid" 2>/dev/null || { tail -n 50 "$work/host.log"; echo "host died" >&2; exit 1; }
      sleep 1 # polling the archive's count while the host's mover works, not a fixed wait
    done
    psql_db "$db" -c "VACUUM after_sales, after_sale_lines" >/dev/null # what autovacuum does in time
  done
  measure "$stage" "$(( $(date +%s) - started ))"
done
echo "== host log (archive lines): $(grep -c 'Archive moved' "$work/host.log" || true) batches; work folder $work; database $db"
