#!/usr/bin/env bash
# A plugin swapped under load, across two hosts (issue 17): does any request fail, and how long until the second host
# serves what the first activated?
#
#   benchmarks/run-swap.sh [clients] [cycles]        (defaults: 64 clients, 10 cycles)
#
# Builds the host, the load generator and the reversepaas tool in Release; starts two hosts on one fresh PostgreSQL
# database (Plugins:SyncInterval at its default, 5 s); packs the bundled RetailSelf plugin (it serves retail.self, the
# identity the generator applies on) as retail-self 1.0.1 and 1.0.2 and publishes both to host A. Then half the clients
# apply on A and half on B while, on A, 1.0.1 is activated and, per cycle, 1.0.2 activated and rolled back to 1.0.1.
# After each swap it polls B (every 20 ms) until B serves the new version and prints the delay. At the end: every
# status each generator saw (any non-2xx is a failed request).
set -euo pipefail
cd "$(dirname "$0")/.."
clients="${1:-64}"; cycles="${2:-10}"
half=$(( clients / 2 ))
a=5091; b=5092
work="$(mktemp -d /tmp/reversepaas-swap.XXXXXX)"
key="X-Api-Key: dev-ops"

dotnet build kernel/ReversePaas.Host -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build benchmarks/ReversePaas.LoadGenerator -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build capability-catalog/ReversePaas.Cli -c Release -nologo -clp:ErrorsOnly >/dev/null
cli="capability-catalog/ReversePaas.Cli/bin/Release/net10.0/reversepaas.dll"

eng/start-postgres.sh >/dev/null
db="rp_swap_$(date +%s)"
PGPASSWORD=reversepaas psql -X -q -h 127.0.0.1 -p 55432 -U reversepaas -d reversepaas -c "CREATE DATABASE $db" >/dev/null
connection="Host=127.0.0.1;Port=55432;Username=reversepaas;Password=reversepaas;Database=$db"

pids=()
start_host() {
  # From its own folder: the content root holds appsettings.Development.json (the Development API keys).
  (cd kernel/ReversePaas.Host/bin/Release/net10.0 && exec dotnet ReversePaas.Host.dll \
    --urls "http://127.0.0.1:$1" --environment Development "--ConnectionStrings:ReversePaas=$connection" \
    "--Plugins:PackageCache=$work/cache-$1" \
    --Logging:LogLevel:Default=Warning --Logging:LogLevel:Microsoft.Hosting.Lifetime=Information --Logging:LogLevel:ReversePaas.Host.PluginPackages=Information --Logging:LogLevel:ReversePaas.Plugins=Information "--Logging:Console:TimestampFormat=HH:mm:ss.fff " --RateLimiting:Enabled=false \
    >"$work/host-$1.log" 2>&1) &
  pids+=($!)
}
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true' EXIT
start_host "$a"
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$a/readyz" >/dev/null 2>&1 && break; sleep 0.5; done # bounded wait for start-up
start_host "$b"
for port in "$a" "$b"; do
  for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 0.5; done # bounded wait for start-up
  curl -fs "http://127.0.0.1:$port/readyz" >/dev/null || { cat "$work/host-$port.log"; echo "host $port did not become ready" >&2; exit 1; }
done

dotnet "$cli" plugin pack extensions/RetailSelf --out "$work/packed" >/dev/null
for version in 1.0.1 1.0.2; do
  python3 - "$work/packed/retail-self.1.0.0.rpplugin" "$work/retail-self.$version.rpplugin" "$version" <<'PY'
import sys, zipfile, json
source, target, version = sys.argv[1:]
with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
    for item in zin.infolist():
        data = zin.read(item.filename)
        if item.filename == "plugin.json":
            manifest = json.loads(data); manifest["version"] = version; data = json.dumps(manifest, indent=2).encode()
        zout.writestr(item, data)
PY
  dotnet "$cli" plugin publish "$work/retail-self.$version.rpplugin" --host "http://127.0.0.1:$a" --api-key dev-ops >/dev/null
done

served_on_b() {
  curl -fs -H "$key" "http://127.0.0.1:$b/api/v1/plugins" \
    | python3 -c "import json,sys; print(next((p['version'] for p in json.load(sys.stdin) if p['id']=='retail-self' and p['state']=='Loaded'), ''))"
}
swap() { # $1 = activate VERSION | rollback; $2 = the version B must end up serving
  local started now
  started=$(date +%s%N); echo "$(date +%H:%M:%S.%3N) $2" >>"$work/swaps.txt"
  if [[ "$1" == rollback ]]; then
    curl -fs -X POST -H "$key" "http://127.0.0.1:$a/api/v1/plugins/retail-self/rollback" >/dev/null
  else
    curl -fs -X POST -H "$key" -H 'Content-Type: application/json' -d "{\"version\":\"$1\"}" "http://127.0.0.1:$a/api/v1/plugins/retail-self/activate" >/dev/null
  fi
  local answered=$(( ($(date +%s%N) - started) / 1000000 ))
  until [[ "$(served_on_b)" == "$2" ]]; do
    now=$(date +%s%N)
    (( (now - started) / 1000000 < 60000 )) || { echo "B never served $2" >&2; exit 1; }
    sleep 0.02 # polling B for the condition, bounded above
  done
  echo "swap $1: A answered (serving it) after $answered ms; B's listing showed $2 after $(( ($(date +%s%N) - started) / 1000000 )) ms (polling, an upper bound)"
}

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GB"
echo "== two hosts on PostgreSQL, $half clients on each, $cycles activate/rollback cycles of retail-self on A"
seconds=$(( cycles * 12 + 20 ))
for port in "$a" "$b"; do
  dotnet benchmarks/ReversePaas.LoadGenerator/bin/Release/net10.0/ReversePaas.LoadGenerator.dll \
    --url "http://127.0.0.1:$port" --clients "$half" --seconds "$seconds" --flow apply --label "swap$port" --expected-rate 400 \
    >"$work/load-$port.txt" 2>&1 &
  pids+=($!)
done
for port in "$a" "$b"; do # the swaps start once both generators measure
  for _ in $(seq 1 600); do grep -q "Outbox drained after preparing" "$work/load-$port.txt" && break; sleep 0.5; done # bounded
done

swap 1.0.1 1.0.1
for cycle in $(seq 1 "$cycles"); do
  swap 1.0.2 1.0.2
  swap rollback 1.0.1
done
echo "== swaps done; waiting for the generators"
# When B really served each version: the time of its own log line ("serving … [retail-self V]"), not the polling above.
python3 - "$work/swaps.txt" "$work/host-$b.log" <<'PY'
import re, sys
from datetime import datetime
def t(text): return datetime.strptime(text, "%H:%M:%S.%f")
swaps = [line.split() for line in open(sys.argv[1])]
served = [(t(m.group(1)), m.group(2)) for m in re.finditer(r"^(\d\d:\d\d:\d\d\.\d+) info: ReversePaas\.Host\.PluginPackages\.PluginPackageSync.*\n\s+Plugin packages: serving .*\[retail-self (\S+)\]", open(sys.argv[2]).read(), re.M)]
delays = []
for at, version in swaps:
    start = t(at)
    hit = next(((when - start).total_seconds() for when, v in served if v == version and when >= start), None)
    delays.append(hit)
    print(f"activated {version} at {at}: B served it {hit:.2f} s later" if hit is not None else f"activated {version} at {at}: not found in B's log")
known = sorted(d for d in delays if d is not None)
if known:
    print(f"B served the new version {known[0]:.2f}–{known[-1]:.2f} s after the activation began (median {known[len(known)//2]:.2f} s, {len(known)} swaps)")
PY
wait "${pids[-1]}" "${pids[-2]}"
for port in "$a" "$b"; do echo "-- host $port"; grep -E "^(apply|label)" "$work/load-$port.txt"; done
if grep -E "^apply" "$work"/load-*.txt | grep -qvE "statuses( 20[0-9]×[0-9]+)+$"; then
  echo "== FAILED requests: a status other than 2xx (above)"; exit 1
fi
echo "== 0 failed requests"
