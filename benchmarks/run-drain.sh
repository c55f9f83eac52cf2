#!/usr/bin/env bash
# The outbox's background work on its own: CPU per delivered message, with no requests competing.
#
#   benchmarks/run-drain.sh [clients] [seconds]
#
# Builds the host and the load generator in Release, creates a fresh PostgreSQL database, and starts a host with
# Outbox:Paused=true. The generator applies for the given time (the orders' registrations and the applications leave
# their messages pending), then that host stops. A second host, delivering, starts on the same database; from its first
# ready answer until no message is pending, the script reads the CPU of that host and of all PostgreSQL processes from
# /proc and prints milliseconds per message and the drain rate (docs/benchmarks.md, third round). The second host's
# first seconds run tier-0 JIT code, so longer loads (more messages) give steadier figures.
set -euo pipefail
cd "$(dirname "$0")/.."
clients="${1:-64}"; seconds="${2:-20}"
work="$(mktemp -d /tmp/reversepaas-drain.XXXXXX)"

dotnet build kernel/ReversePaas.Host -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet build benchmarks/ReversePaas.LoadGenerator -c Release -nologo -clp:ErrorsOnly >/dev/null
eng/start-postgres.sh >/dev/null
db="rp_drain_$(date +%s)"
psql_db() { PGPASSWORD=reversepaas psql -X -q -t -A -h 127.0.0.1 -p 55432 -U reversepaas -d "$1" -c "$2"; }
psql_db reversepaas "CREATE DATABASE $db" >/dev/null
connection="Host=127.0.0.1;Port=55432;Username=reversepaas;Password=reversepaas;Database=$db${POOL:+;Maximum Pool Size=$POOL}"

hosts=()
trap 'for h in "${hosts[@]}"; do kill "$h" 2>/dev/null || true; done' EXIT
start_host() { # port, extra arguments…
  local port=$1; shift
  (cd kernel/ReversePaas.Host/bin/Release/net10.0 && exec dotnet ReversePaas.Host.dll --urls "http://127.0.0.1:$port" \
    --environment Development "--ConnectionStrings:ReversePaas=$connection" --Logging:LogLevel:Default=Warning \
    --RateLimiting:Enabled=false "$@" >"$work/host-$port.log" 2>&1) &
  hosts+=($!)
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && return 0
    sleep 0.5 # waiting for a server to come up, bounded
  done
  cat "$work/host-$port.log"; echo "host on $port did not become ready" >&2; exit 1
}
host_pid() { pgrep -f "ReversePaas.Host.dll --urls http://127.0.0.1:$1" | head -n 1; }
cpu_ms() { # total user + system CPU of the given processes and their reaped children, in ms
  python3 -c "
import sys
total = 0
for pid in sys.argv[1:]:
    try:
        fields = open(f'/proc/{pid}/stat').read().rsplit(')', 1)[1].split()
        total += sum(int(f) for f in fields[11:15])
    except OSError:
        pass
print(total * 1000 // 100)" "$@"
}
pending() { psql_db "$db" "SELECT count(*) FROM outbox_messages WHERE dispatched_at IS NULL"; }

start_host 5091 --Outbox:Paused=true
dotnet benchmarks/ReversePaas.LoadGenerator/bin/Release/net10.0/ReversePaas.LoadGenerator.dll \
  --url http://127.0.0.1:5091 --clients "$clients" --seconds "$seconds" --flow apply --label drain \
  --host-pid "$(host_pid 5091)" --expected-rate 800 --warmup 3 >"$work/load.txt"
kill "$(host_pid 5091)"; wait "${hosts[0]}" 2>/dev/null || true
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GB"
echo "== pending after $seconds s of applications from $clients clients: $(psql_db "$db" "SELECT string_agg(topic || ' ' || n, ', ') FROM (SELECT topic, count(*) AS n FROM outbox_messages WHERE dispatched_at IS NULL GROUP BY topic) t")"

start_host 5092
host=$(host_pid 5092)
host0=$(cpu_ms "$host"); pg0=$(cpu_ms $(pgrep -f postgres)); t0=$(date +%s.%N); left0=$(pending)
until [[ "$(pending)" == 0 ]]; do sleep 0.5; done # polling the database until the drain is complete
host1=$(cpu_ms "$host"); pg1=$(cpu_ms $(pgrep -f postgres)); t1=$(date +%s.%N)
python3 -c "
n = $left0; took = $t1 - $t0
print(f'drained {n} messages in {took:.1f} s = {n / took:.0f} msg/s; CPU per message: host {($host1 - $host0) / n:.3f} ms, postgres {($pg1 - $pg0) / n:.3f} ms')"
