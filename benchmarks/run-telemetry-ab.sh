#!/usr/bin/env bash
# Telemetry's CPU cost per request, measured side by side (issue 18: "at most 5 % of the CPU per request").
#
#   benchmarks/run-telemetry-ab.sh [rounds] [clients-per-host] [seconds]
#
# Each round starts two hosts on PostgreSQL, each on a fresh database of its own: one as deployed (metrics on,
# /metrics scraped every 5 s as Prometheus would) and one with OpenTelemetry:Metrics=false (no meter provider: the
# extension calls skip their telemetry, no /metrics). Two load generators drive them AT THE SAME TIME, lined up by a
# barrier (--barrier), so both hosts share the same seconds of the machine: other work, CPU steal and frequency
# changes hit both alike, and the ratio of their CPU per request is steady where runs taken one after the other
# (run-load.sh alternately) differed by up to 2x from pair to pair. The two hosts swap ports every round.
# Warm-up: the host with metrics is warmed until its JIT is quiet (the generator reads /metrics); the one without cannot
# say, so its generator keeps loading it until the other is warm too (the barrier's "warm" phase), and both are under
# load for the same wall time. A first try that only gave both a fixed warm-up still found the host without metrics
# compiling during the measurement (on/off 0.86-0.93: telemetry looked like a saving).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-5}"; clients="${2:-32}"; seconds="${3:-20}"
work="$(mktemp -d /tmp/reversepaas-ab.XXXXXX)"

dotnet build kernel/ReversePaas.Host -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build benchmarks/ReversePaas.LoadGenerator -c Release -nologo -clp:ErrorsOnly >/dev/null
eng/start-postgres.sh >/dev/null
psql_admin() { PGPASSWORD=reversepaas psql -X -q -h 127.0.0.1 -p 55432 -U reversepaas -d reversepaas -c "$1" >/dev/null; }

pids=(); gens=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
start_host() { # NAME PORT DATABASE [SETTING…]
  local name="$1" port="$2" db="$3"; shift 3
  (cd kernel/ReversePaas.Host/bin/Release/net10.0 && exec dotnet ReversePaas.Host.dll \
    --urls "http://127.0.0.1:$port" --environment Development \
    "--ConnectionStrings:ReversePaas=Host=127.0.0.1;Port=55432;Username=reversepaas;Password=reversepaas;Database=$db" \
    --Logging:LogLevel:Default=Warning --RateLimiting:Enabled=false "$@" >"$work/$name.log" 2>&1) &
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
echo "== $rounds rounds; per round two hosts side by side on PostgreSQL, $clients clients each, $seconds s, flow apply"
printf '%-6s %-10s %12s %12s %12s %12s %8s\n' round load on-req/s off-req/s on-host-ms off-host-ms on/off
ratios=()
for round in $(seq 1 "$rounds"); do
  if (( round % 2 == 1 )); then on_port=5191; off_port=5192; else on_port=5192; off_port=5191; fi
  stamp="$(date +%s)_$round"
  psql_admin "CREATE DATABASE rp_ab_on_$stamp"; psql_admin "CREATE DATABASE rp_ab_off_$stamp"
  pids=()
  start_host on "$on_port" "rp_ab_on_$stamp"
  start_host off "$off_port" "rp_ab_off_$stamp" --OpenTelemetry:Metrics=false
  await_ready "$on_port"; await_ready "$off_port"
  (while true; do curl -fs -o /dev/null "http://127.0.0.1:$on_port/metrics" || echo "scrape failed"; sleep 5; done) & # Prometheus's interval
  scraper=$!
  load="$(cut -d' ' -f1 /proc/loadavg)"
  barrier="$work/barrier-$round:2"
  for side in on off; do
    port=$on_port; [[ $side == off ]] && port=$off_port
    dotnet benchmarks/ReversePaas.LoadGenerator/bin/Release/net10.0/ReversePaas.LoadGenerator.dll \
      --url "http://127.0.0.1:$port" --clients "$clients" --seconds "$seconds" --flow apply --label "ab$side" \
      --host-pid "$(pgrep -f "ReversePaas.Host.dll --urls http://127.0.0.1:$port" | head -n 1)" \
      --expected-rate "${EXPECTED_RATE:-400}" --warmup "${WARMUP:-5}" --barrier "$barrier" >"$work/$side-$round.txt" 2>&1 &
    gens+=($!)
  done
  wait "${gens[@]}"; gens=()
  kill "$scraper" "${pids[@]}" 2>/dev/null || true; wait "${pids[@]}" 2>/dev/null || true
  on_ms="$(host_cpu "$work/on-$round.txt")"; off_ms="$(host_cpu "$work/off-$round.txt")"
  on_rate="$(grep -oP '^apply\s+\K[0-9]+' "$work/on-$round.txt")"; off_rate="$(grep -oP '^apply\s+\K[0-9]+' "$work/off-$round.txt")"
  ratio="$(python3 -c "print(f'{$on_ms/$off_ms:.3f}')")"
  ratios+=("$ratio")
  printf '%-6s %-10s %12s %12s %12s %12s %8s\n' "$round" "$load" "$on_rate" "$off_rate" "$on_ms" "$off_ms" "$ratio"
done
python3 - "${ratios[@]}" <<'PY'
import statistics, sys
r = [float(x) for x in sys.argv[1:]]
print(f"== host CPU per request, metrics on / off: median {statistics.median(r):.3f}, geometric mean {statistics.geometric_mean(r):.3f}, range {min(r):.3f}-{max(r):.3f} over {len(r)} rounds")
PY
echo "== outputs in $work"
