#!/usr/bin/env bash
# Two builds or settings of the host, measured side by side (issue 20: "record each step's before/after").
#
#   A_DIR=… B_DIR=… A_ENV=… B_ENV=… A_ARGS=… B_ARGS=… benchmarks/run-ab.sh [rounds] [clients-per-host] [seconds]
#
# Each round starts host A and host B on PostgreSQL, each on a fresh database of its own, and drives both AT THE SAME
# TIME with two load generators lined up by a barrier (--barrier): both hosts share the same seconds of the machine,
# so other work, CPU steal and frequency changes hit both alike. Runs taken one after the other (run-load.sh) differed
# by up to 2x in CPU per request from pair to pair on this machine; the side-by-side ratio is steady (docs/benchmarks.md,
# "Telemetry under load, again"). The hosts swap ports every round. Both are warmed until their JIT is quiet.
#
#   A_DIR / B_DIR   the host's Release output folder (default: this checkout's, built here). For a code change, build
#                   the "before" commit in a worktree and pass its kernel/ReversePaas.Host/bin/Release/net10.0 as A_DIR.
#   A_ENV / B_ENV   environment for the host process ("DOTNET_gcServer=0 DOTNET_TieredPGO=0").
#   A_ARGS / B_ARGS host settings ("--OpenTelemetry:Metrics=false").
#   A_NAME / B_NAME how the table names the sides (default A, B). SCRAPE=A|B|both scrapes that side's /metrics every 5 s.
#
# Prints per round the load average, each side's apply rate and host CPU per request (until its outbox drained), and
# the ratio B/A; at the end their median and geometric mean. Below 1: B costs less CPU per request than A.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-5}"; clients="${2:-32}"; seconds="${3:-20}"
work="$(mktemp -d /tmp/reversepaas-ab.XXXXXX)"
here="$PWD/kernel/ReversePaas.Host/bin/Release/net10.0"
a_dir="${A_DIR:-$here}"; b_dir="${B_DIR:-$here}"
a_name="${A_NAME:-A}"; b_name="${B_NAME:-B}"

if [[ "$a_dir" == "$here" || "$b_dir" == "$here" ]]; then
  dotnet build kernel/ReversePaas.Host -c Release -nologo -clp:ErrorsOnly >/dev/null
fi
dotnet build benchmarks/ReversePaas.LoadGenerator -c Release -nologo -clp:ErrorsOnly >/dev/null
eng/start-postgres.sh >/dev/null
psql_admin() { PGPASSWORD=reversepaas psql -X -q -h 127.0.0.1 -p 55432 -U reversepaas -d reversepaas -c "$1" >/dev/null; }

pids=(); gens=(); scrapers=()
trap 'kill "${pids[@]}" "${scrapers[@]}" 2>/dev/null || true' EXIT
start_host() { # DIR ENV ARGS PORT DATABASE LOG
  local dir="$1" env_words="$2" args="$3" port="$4" db="$5" log="$6"
  # shellcheck disable=SC2086 # ENV and ARGS are lists of words on purpose
  (cd "$dir" && exec env $env_words dotnet ReversePaas.Host.dll \
    --urls "http://127.0.0.1:$port" --environment Development \
    "--ConnectionStrings:ReversePaas=Host=127.0.0.1;Port=55432;Username=reversepaas;Password=reversepaas;Database=$db" \
    --Logging:LogLevel:Default=Warning --RateLimiting:Enabled=false $args >"$log" 2>&1) &
  pids+=($!)
}
await_ready() { # PORT
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$1/readyz" >/dev/null 2>&1 && return 0
    sleep 0.5 # waiting for a server to come up, bounded
  done
  echo "host on port $1 did not become ready" >&2; return 1
}
host_cpu() { grep -oP 'per request \(ms, until drained\): host \K[0-9.]+' "$1"; }

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GB, commit $(git rev-parse --short HEAD)"
echo "== $a_name: ${A_DIR:-this checkout}${A_ENV:+ env $A_ENV}${A_ARGS:+ args $A_ARGS}"
echo "== $b_name: ${B_DIR:-this checkout}${B_ENV:+ env $B_ENV}${B_ARGS:+ args $B_ARGS}"
echo "== $rounds rounds; per round both hosts side by side on PostgreSQL, $clients clients each, $seconds s, flow apply"
printf '%-6s %-8s %10s %10s %12s %12s %8s\n' round load "$a_name-req/s" "$b_name-req/s" "$a_name-host-ms" "$b_name-host-ms" "$b_name/$a_name"
ratios=()
for round in $(seq 1 "$rounds"); do
  if (( round % 2 == 1 )); then a_port=5191; b_port=5192; else a_port=5192; b_port=5191; fi
  stamp="$(date +%s)_$round"
  psql_admin "CREATE DATABASE rp_ab_a_$stamp"; psql_admin "CREATE DATABASE rp_ab_b_$stamp"
  pids=(); scrapers=()
  start_host "$a_dir" "${A_ENV:-}" "${A_ARGS:-}" "$a_port" "rp_ab_a_$stamp" "$work/a-$round.log"
  start_host "$b_dir" "${B_ENV:-}" "${B_ARGS:-}" "$b_port" "rp_ab_b_$stamp" "$work/b-$round.log"
  await_ready "$a_port"; await_ready "$b_port"
  for side in a b; do
    port=$a_port; [[ $side == b ]] && port=$b_port
    if [[ "${SCRAPE:-}" == both || "${SCRAPE:-}" == "${side^^}" ]]; then
      (while true; do curl -fs -o /dev/null "http://127.0.0.1:$port/metrics" || echo "scrape failed"; sleep 5; done) & # Prometheus's interval
      scrapers+=($!)
    fi
  done
  load="$(cut -d' ' -f1 /proc/loadavg)"
  barrier="$work/barrier-$round:2"
  for side in a b; do
    port=$a_port; [[ $side == b ]] && port=$b_port
    dotnet benchmarks/ReversePaas.LoadGenerator/bin/Release/net10.0/ReversePaas.LoadGenerator.dll \
      --url "http://127.0.0.1:$port" --clients "$clients" --seconds "$seconds" --flow apply --label "ab$side" \
      --host-pid "$(pgrep -f "ReversePaas.Host.dll --urls http://127.0.0.1:$port" | head -n 1)" \
      --expected-rate "${EXPECTED_RATE:-400}" --warmup "${WARMUP:-5}" --barrier "$barrier" >"$work/$side-$round.txt" 2>&1 &
    gens+=($!)
  done
  wait "${gens[@]}"; gens=()
  kill "${scrapers[@]}" "${pids[@]}" 2>/dev/null || true; wait "${pids[@]}" 2>/dev/null || true
  a_ms="$(host_cpu "$work/a-$round.txt")"; b_ms="$(host_cpu "$work/b-$round.txt")"
  a_rate="$(grep -oP '^apply\s+\K[0-9]+' "$work/a-$round.txt")"; b_rate="$(grep -oP '^apply\s+\K[0-9]+' "$work/b-$round.txt")"
  ratio="$(python3 -c "print(f'{$b_ms/$a_ms:.3f}')")"
  ratios+=("$ratio")
  printf '%-6s %-8s %10s %10s %12s %12s %8s\n' "$round" "$load" "$a_rate" "$b_rate" "$a_ms" "$b_ms" "$ratio"
done
python3 - "$a_name" "$b_name" "${ratios[@]}" <<'PY'
import statistics, sys
a, b, r = sys.argv[1], sys.argv[2], [float(x) for x in sys.argv[3:]]
print(f"== host CPU per request, {b} / {a}: median {statistics.median(r):.3f}, geometric mean {statistics.geometric_mean(r):.3f}, range {min(r):.3f}-{max(r):.3f} over {len(r)} rounds")
PY
echo "== outputs in $work"
