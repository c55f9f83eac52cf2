#!/usr/bin/env bash
# Provisions the RabbitMQ node the broker tests need, from Debian's packages, and prints its AMQP URI as the LAST
# line of stdout (every progress message goes to stderr):
#
#   uri=$(eng/start-rabbitmq.sh | tail -n 1)     # amqp://guest:guest@127.0.0.1:56720/
#
# What it does, idempotently (a second run against a running node returns in about a second):
#   1. installs rabbitmq-server (which brings rabbitmqctl and Erlang) with apt-get, only when it is missing;
#   2. starts a dedicated, throw-away node (never the distribution's service on 5672) named
#      reversepaas-<port>@localhost, its AMQP listener on 127.0.0.1:${REVERSEPAAS_RABBITMQ_PORT:-56720} and its
#      distribution port on ${REVERSEPAAS_RABBITMQ_DIST_PORT:-<port>+1}, everything it writes (mnesia, logs, pid, cookie via HOME) under $state_dir;
#      a node already answering there is reused;
#   3. waits (bounded) with `rabbitmqctl wait` until the node runs its applications.
#
# As root the node is started with /usr/lib/rabbitmq/bin/rabbitmq-server directly: the /usr/sbin wrapper switches to
# the rabbitmq user, who cannot read a root-owned state folder. The default guest user may connect from loopback only,
# which is all the tests need.
#
# Environment: REVERSEPAAS_RABBITMQ_PORT (default 56720), REVERSEPAAS_RABBITMQ_DIST_PORT (default <port>+1), REVERSEPAAS_RABBITMQ_DIR (default
# ${TMPDIR:-/tmp}/reversepaas-rabbitmq-<port>), REVERSEPAAS_RABBITMQ_WAIT_SECONDS (default 120).
set -euo pipefail

port="${REVERSEPAAS_RABBITMQ_PORT:-56720}"
[[ "$port" =~ ^[0-9]+$ ]] || { echo "[start-rabbitmq] ERROR: REVERSEPAAS_RABBITMQ_PORT must be a number, got '$port'" >&2; exit 1; }
state_dir="${REVERSEPAAS_RABBITMQ_DIR:-${TMPDIR:-/tmp}/reversepaas-rabbitmq-$port}"
wait_seconds="${REVERSEPAAS_RABBITMQ_WAIT_SECONDS:-120}"
node="reversepaas-$port@localhost"
dist_port="${REVERSEPAAS_RABBITMQ_DIST_PORT:-$((port + 1))}"
pid_file="$state_dir/rabbitmq.pid"
uri="amqp://guest:guest@127.0.0.1:$port/"

say() { printf '[start-rabbitmq] %s\n' "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }

if [ "$(id -u)" -eq 0 ]; then
  as_root() { "$@" 9>&-; }
else
  as_root() {
    command -v sudo >/dev/null || die "rabbitmq-server is missing and installing it needs root (or sudo)"
    sudo -n "$@" 9>&-
  }
fi

# rabbitmqctl finds the node's cookie in $HOME, which is the state folder (the node writes it there on first start).
# The /usr/lib one: the /usr/sbin wrapper, like the server's, runs as the rabbitmq user with that user's HOME and cookie.
rabbitmqctl=/usr/lib/rabbitmq/bin/rabbitmqctl
ctl() { HOME="$state_dir" "$rabbitmqctl" -q -n "$node" "$@" 9>&-; }

# Serialise concurrent runs (several test runs may start at once).
lock_file="${TMPDIR:-/tmp}/reversepaas-start-rabbitmq.lock"
exec 9>>"$lock_file"
flock -w 600 9 || die "timed out waiting for $lock_file"

# 1. Packages.
server=/usr/lib/rabbitmq/bin/rabbitmq-server
if [ ! -x "$server" ] || [ ! -x "$rabbitmqctl" ]; then
  say "installing rabbitmq-server from Debian's packages"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -o DPkg::Lock::Timeout=600 rabbitmq-server >&2
  [ -x "$server" ] && [ -x "$rabbitmqctl" ] || die "$server or $rabbitmqctl is still missing after apt-get install"
  # The package starts the distribution's own node on 5672; ours does not need it (and is independent of it).
fi

mkdir -p "$state_dir/mnesia" "$state_dir/log"

# Fast path: our node already runs.
if [ -f "$pid_file" ] && ctl status >/dev/null 2>&1; then
  say "rabbitmq node $node already running on $uri"
  printf '%s\n' "$uri"
  exit 0
fi

# 2. Start it in the background, its output in the log folder.
: >"$state_dir/enabled_plugins.tmp" && printf '[].\n' >"$state_dir/enabled_plugins" && rm -f "$state_dir/enabled_plugins.tmp"
cat >"$state_dir/rabbitmq.conf" <<CONF
listeners.tcp.1 = 127.0.0.1:$port
loopback_users.guest = true
CONF
say "starting rabbitmq node $node on $uri (state in $state_dir)"
(
  export HOME="$state_dir" RABBITMQ_NODENAME="$node" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT="$port" \
    RABBITMQ_DIST_PORT="$dist_port" RABBITMQ_MNESIA_BASE="$state_dir/mnesia" RABBITMQ_LOG_BASE="$state_dir/log" \
    RABBITMQ_PID_FILE="$pid_file" RABBITMQ_ENABLED_PLUGINS_FILE="$state_dir/enabled_plugins" \
    RABBITMQ_CONFIG_FILE="$state_dir/rabbitmq.conf" ERL_EPMD_ADDRESS=127.0.0.1
  # In the state folder: a node that fails to boot writes erl_crash.dump into its working directory.
  # exec: the background shell becomes the server, so no shell is left holding the caller's stdout (a caller reading
  # this script's output through a pipe, e.g. $(eng/start-rabbitmq.sh | tail -n 1), would otherwise never see EOF).
  cd "$state_dir" && exec nohup "$server" </dev/null >"$state_dir/log/console.log" 2>&1
) 9>&- </dev/null >/dev/null 2>&1 &  # the lock closed too, or the node would hold it for its lifetime

# 3. Wait, bounded, until the node runs its applications (`wait` needs the pid file, which the node writes early).
deadline=$((SECONDS + wait_seconds))
until [ -f "$pid_file" ] && timeout 60 env HOME="$state_dir" "$rabbitmqctl" -q -n "$node" wait --timeout 30 "$pid_file" >/dev/null 2>&1 9>&-; do
  if [ "$SECONDS" -ge "$deadline" ]; then
    tail -n 40 "$state_dir/log/console.log" >&2 2>/dev/null || true
    die "rabbitmq node $node did not start within ${wait_seconds}s"
  fi
  sleep 0.5
done

say "rabbitmq ready on $uri"
printf '%s\n' "$uri"
