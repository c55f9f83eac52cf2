#!/usr/bin/env bash
# The floor of this workload on PostgreSQL (issue 20): exactly the SQL the host runs for one application
# (benchmarks/floor/application.sql) and for the background work of its change (floor/background.sql), driven by
# pgbench with no host in between.
#
#   benchmarks/run-floor.sh DATABASE [clients] [seconds]
#
# DATABASE must hold the host's schema and at least one order the load generator registered (run-load.sh calls this
# on its own database after the host stopped). Prints, on lines run-load.sh reads:
#   floor-apply tps=… p99_ms=… cpu_ms_per_tx=…        (postgres + pgbench CPU per application transaction)
#   floor-background changes=… cpu_ms_per_change=…    (the dispatcher's statements, batches of 50, 2 clients)
set -euo pipefail
cd "$(dirname "$0")/.."
db="$1"; clients="${2:-64}"; seconds="${3:-20}"
export PGPASSWORD=reversepaas
pg=(-h 127.0.0.1 -p 55432 -U reversepaas)
work="$(mktemp -d /tmp/reversepaas-floor.XXXXXX)"
run="$(date +%s)"
# CPU ms (utime + stime, USER_HZ 100) of the processes named, read with shell builtins only: a sample must take
# milliseconds even when the machine is busy (a Python scan of /proc took 7 s at a load average of 40).
cpu_ms() {
  local sum=0 pid line rest
  for pid in "$@"; do
    { read -r line </proc/"$pid"/stat; } 2>/dev/null || continue
    rest="${line##*) }"
    set -- $rest
    sum=$(( sum + ${12} + ${13} ))
  done
  echo $(( sum * 10 ))
}
# pgbench, its backends, and the server's writers (WAL writer, checkpointer, background writer), which do the commits'
# and checkpoints' work. Not autovacuum (its workers end mid-run, taking their time with them), not other databases.
floor_pids() {
  echo "$1"
  psql -X -qAt "${pg[@]}" -d "$db" -c "SELECT pid FROM pg_stat_activity WHERE (datname = current_database() AND application_name = 'pgbench') OR backend_type IN ('walwriter', 'checkpointer', 'background writer')"
}

# Enough orders for 3,000 applications/s, five units each, per client.
per_client=$(( 3000 * seconds / clients / 5 + 2 ))
psql -X -q "${pg[@]}" -d "$db" -v clients="$clients" -v per_client="$per_client" -v run="$run" -f benchmarks/floor/prepare.sql
# Start from an empty outbox, as the generator's measurement does.
psql -X -q "${pg[@]}" -d "$db" -c "UPDATE outbox_messages SET dispatched_at = now() WHERE dispatched_at IS NULL" >/dev/null
json() { grep "^$1=" benchmarks/floor/floor.env | cut -d= -f2-; }

pgbench -n "${pg[@]}" -M prepared -c "$clients" -j 2 -T "$seconds" -D count=0 -D run="$run" \
  -D "capabilities=$(json capabilities)" -D "timeline=$(json timeline)" \
  --log --log-prefix="$work/apply" -f benchmarks/floor/application.sql "$db" >"$work/apply.txt" 2>&1 &
bench=$!
# CPU is read inside the run, from 2 s in (connections made, statements prepared) to 3 s before its end (the backends
# still alive), and divided by the transactions that ended inside the same window (pgbench's per-transaction log).
sleep 2 # into the run, as above
mapfile -t pids < <(floor_pids "$bench")
from_ms="$(cpu_ms "${pids[@]}")"; from_epoch="$(date +%s.%N)"
sleep $(( seconds - 4 )) # to the end of the window, with time to spare
to_ms="$(cpu_ms "${pids[@]}")"; to_epoch="$(date +%s.%N)"
wait "$bench"
grep -q "^tps" "$work/apply.txt" || { cat "$work/apply.txt" >&2; exit 1; }
python3 - "$work" "$from_epoch" "$to_epoch" "$from_ms" "$to_ms" "$(grep -oP '^tps = \K[0-9.]+' "$work/apply.txt")" <<'PY'
import glob, sys
work, t0, t1, c0, c1, tps = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6])
latencies, inside = [], 0
for path in glob.glob(f"{work}/apply.*"):
    if path.endswith(".txt"):
        continue
    for line in open(path):
        # client transaction latency_us script epoch_s epoch_us
        f = line.split()
        latencies.append(int(f[2]))
        if t0 <= int(f[4]) + int(f[5]) / 1e6 <= t1:
            inside += 1
latencies.sort()
p99 = latencies[int(len(latencies) * 0.99) - 1] / 1000
print(f"floor-apply tps={tps:.0f} p99_ms={p99:.1f} cpu_ms_per_tx={(c1 - c0) / max(inside, 1):.3f} transactions={len(latencies)}")
PY

# The background work of the changes just written: two dispatchers, batches of 50, each running as many batches as
# the outbox holds (together twice what is needed: the batches the two race for and find claimed are part of the
# work, as the host's dispatchers' are). CPU from the moment pgbench starts to its end, over pgbench and the backends.
changes="$(psql -X -qAt "${pg[@]}" -d "$db" -c "SELECT count(*) FROM outbox_messages WHERE dispatched_at IS NULL")"
pgbench -n "${pg[@]}" -M prepared -c 2 -j 2 -t $(( changes / 50 + 1 )) -f benchmarks/floor/background.sql "$db" >"$work/background.txt" 2>&1 &
bench=$!
for _ in $(seq 1 100); do
  [[ "$(psql -X -qAt "${pg[@]}" -d "$db" -c "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'pgbench'")" -ge 2 ]] && break
  sleep 0.1 # waiting for pgbench's two connections, bounded
done
mapfile -t pids < <(floor_pids "$bench")
from_ms="$(cpu_ms "${pids[@]}")"
# The backends end with pgbench: keep reading them while it runs (the last reading is at most 0.1 s old).
to_ms="$from_ms"
while kill -0 "$bench" 2>/dev/null; do
  now_ms="$(cpu_ms "${pids[@]}")"; (( now_ms > to_ms )) && to_ms="$now_ms"
  sleep 0.1 # sampling until pgbench reports, bounded by its -t
done
wait "$bench"
left="$(psql -X -qAt "${pg[@]}" -d "$db" -c "SELECT count(*) FROM outbox_messages WHERE dispatched_at IS NULL")"
python3 -c "print(f'floor-background changes=$changes left=$left cpu_ms_per_change={($to_ms - $from_ms) / max($changes, 1):.3f}')"
rm -rf "$work"
