#!/usr/bin/env bash
# Provisions the Redis server the Redis order-lock tests need, from Debian's packages, and prints its
# StackExchange.Redis configuration string as the LAST line of stdout (every progress message goes to stderr):
#
#   cs=$(eng/start-redis.sh | tail -n 1)     # 127.0.0.1:56379
#
# What it does, idempotently (a second run against a running server takes well under a second):
#   1. installs redis-server (which brings redis-cli) with apt-get, only when it is missing;
#   2. starts a dedicated, throw-away instance (never the distribution's service on 6379) bound to 127.0.0.1
#      on port ${REVERSEPAAS_REDIS_PORT:-56379}, daemonized, without persistence (--save '' --appendonly no),
#      its pid, log and working directory under $state_dir; an instance already answering there is reused;
#   3. waits (bounded) until it answers PING.
#
# Environment: REVERSEPAAS_REDIS_PORT (default 56379), REVERSEPAAS_REDIS_DIR (default
# ${TMPDIR:-/tmp}/reversepaas-redis-<port>), REVERSEPAAS_REDIS_WAIT_SECONDS (default 30).
set -euo pipefail

port="${REVERSEPAAS_REDIS_PORT:-56379}"
state_dir="${REVERSEPAAS_REDIS_DIR:-${TMPDIR:-/tmp}/reversepaas-redis-$port}"
wait_seconds="${REVERSEPAAS_REDIS_WAIT_SECONDS:-30}"
pid_file="$state_dir/redis.pid"
log_file="$state_dir/redis.log"
configuration="127.0.0.1:$port"

say() { printf '[start-redis] %s\n' "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }

[[ "$port" =~ ^[0-9]+$ ]] || die "REVERSEPAAS_REDIS_PORT must be a number, got '$port'"

# Only apt-get needs root; the server itself runs as the calling user. fd 9 (the lock below) is closed for
# every child so that a daemonized server does not inherit it and hold the lock forever.
if [ "$(id -u)" -eq 0 ]; then
  as_root() { "$@" 9>&-; }
else
  as_root() {
    command -v sudo >/dev/null || die "redis-server is missing and installing it needs root (or sudo)"
    sudo -n "$@" 9>&-
  }
fi

# True when the pid names a live redis-server: not gone, not a zombie (in a container whose pid 1 does not reap
# orphans, a crashed daemon stays one), not a recycled pid.
redis_alive() {
  local state
  state=$(ps -o stat=,comm= -p "$1" 2>/dev/null) || return 1
  [[ "$state" != Z* && "$state" == *redis-server* ]]
}

pong() { [ "$(redis-cli -h 127.0.0.1 -p "$port" --no-auth-warning PING 2>/dev/null)" = "PONG" ]; }

# Serialise concurrent runs (several test runs may start at once).
lock_file="${TMPDIR:-/tmp}/reversepaas-start-redis.lock"
exec 9>>"$lock_file"
flock -w 300 9 || die "timed out waiting for $lock_file"

# 1. Packages: redis-server depends on redis-tools (redis-cli).
if ! command -v redis-server >/dev/null || ! command -v redis-cli >/dev/null; then
  say "installing redis-server from Debian's packages"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -o DPkg::Lock::Timeout=600 redis-server >&2
  command -v redis-server >/dev/null || die "redis-server is still missing after apt-get install"
  command -v redis-cli >/dev/null || die "redis-cli is still missing after apt-get install"
fi

# Fast path: an instance already answers on the port.
if pong; then
  say "redis already running on $configuration"
  printf '%s\n' "$configuration"
  exit 0
fi

# 2. Start ours, unless a previous start is still coming up (its pid file names a live process).
mkdir -p "$state_dir"
if [ -f "$pid_file" ] && redis_alive "$(cat "$pid_file")"; then
  say "redis (pid $(cat "$pid_file")) is starting; waiting for it"
else
  rm -f "$pid_file"
  say "starting redis-server on $configuration (state in $state_dir)"
  redis-server --bind 127.0.0.1 --port "$port" --daemonize yes --save '' --appendonly no \
    --dir "$state_dir" --pidfile "$pid_file" --logfile "$log_file" 9>&- >&2 \
    || { tail -n 30 "$log_file" >&2 2>/dev/null || true; die "could not start redis-server"; }
fi

# 3. Wait, bounded, until it answers PING.
deadline=$((SECONDS + wait_seconds))
until pong; do
  if [ "$SECONDS" -ge "$deadline" ]; then
    tail -n 30 "$log_file" >&2 2>/dev/null || true
    die "redis did not answer PING on $configuration within ${wait_seconds}s"
  fi
  sleep 0.1
done

say "redis ready on $configuration"
printf '%s\n' "$configuration"
