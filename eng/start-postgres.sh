#!/usr/bin/env bash
# Provisions the PostgreSQL server the PostgreSQL test suites need, from Debian's packages, and prints
# its Npgsql connection string as the LAST line of stdout (every progress message goes to stderr):
#
#   cs=$(eng/start-postgres.sh | tail -n 1)
#
# What it does, idempotently (a second run against a running server takes well under a second):
#   1. installs PostgreSQL $version server + contrib (pg_trgm) with apt-get, only when they are missing;
#   2. creates a dedicated cluster "$version/reversepaas" (so it never touches someone else's cluster, such
#      as 15/main), listening on 127.0.0.1 only, on port ${REVERSEPAAS_PG_PORT:-55432}, tuned for tests
#      (fsync, synchronous_commit and full_page_writes off, ssl off, max_connections 600: every test host keeps an EF pool and a Hangfire pool), and starts it;
#   3. ensures the login role reversepaas / password reversepaas (scram-sha-256 over TCP from 127.0.0.1)
#      with CREATEDB and pg_signal_backend (the drills' DROP DATABASE ... WITH (FORCE)), and the database reversepaas owned by it;
#   4. waits (bounded) until it accepts TCP connections, then verifies a password login over TCP and that
#      the role can CREATE EXTENSION pg_trgm (a trusted extension since PostgreSQL 13).
#
# Environment: REVERSEPAAS_PG_PORT (default 55432), REVERSEPAAS_PG_CLUSTER (default reversepaas),
# REVERSEPAAS_PG_WAIT_SECONDS (default 60).
set -euo pipefail

version=15
cluster="${REVERSEPAAS_PG_CLUSTER:-reversepaas}"
port="${REVERSEPAAS_PG_PORT:-55432}"
wait_seconds="${REVERSEPAAS_PG_WAIT_SECONDS:-60}"
role=reversepaas
password=reversepaas
database=reversepaas
bindir="/usr/lib/postgresql/$version/bin"
confdir="/etc/postgresql/$version/$cluster"
connection_string="Host=127.0.0.1;Port=$port;Username=$role;Password=$password;Database=$database"

say() { printf '[start-postgres] %s\n' "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }

[[ "$port" =~ ^[0-9]+$ ]] || die "REVERSEPAAS_PG_PORT must be a number, got '$port'"
[[ "$cluster" =~ ^[A-Za-z0-9_-]+$ ]] || die "REVERSEPAAS_PG_CLUSTER must be a simple name, got '$cluster'"

# Everything below needs root (apt-get, pg_createcluster, files under /etc/postgresql); use sudo otherwise.
# Both close fd 9, the lock below: a server started while it is open would inherit it and hold the lock.
if [ "$(id -u)" -eq 0 ]; then
  as_root() { "$@" 9>&-; }
  as_postgres() { runuser -u postgres -- "$@" 9>&-; }
else
  command -v sudo >/dev/null || die "must run as root (or with sudo available)"
  as_root() { sudo -n "$@" 9>&-; }
  as_postgres() { sudo -n -u postgres "$@" 9>&-; }
fi

# psql as the postgres superuser over the cluster's Unix socket (peer authentication).
psql_admin() { as_postgres "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h /var/run/postgresql -p "$port" "$@"; }

tcp_ready() { "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" -t 2 >/dev/null 2>&1; }

# Verifies, as the test role over TCP with a password, that the database works and pg_trgm can be created.
verify() {
  PGPASSWORD="$password" PGCONNECT_TIMEOUT=5 PGOPTIONS="-c client_min_messages=warning" "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -At \
    -h 127.0.0.1 -p "$port" -U "$role" -d "$database" \
    -c 'select 1' -c 'create extension if not exists pg_trgm' >/dev/null
}

# Serialise concurrent runs (several test runs may start at once).
lock_file="${TMPDIR:-/tmp}/reversepaas-start-postgres.lock"
exec 9>>"$lock_file"
flock -w 600 9 || die "timed out waiting for $lock_file"

# 1. Packages: server, contrib (pg_trgm), and the postgresql-common cluster tools.
if [ ! -x "$bindir/postgres" ] || [ ! -x "$bindir/psql" ] || [ ! -x "$bindir/pg_isready" ] \
  || [ ! -f "/usr/share/postgresql/$version/extension/pg_trgm.control" ] \
  || ! command -v pg_createcluster >/dev/null || ! command -v pg_ctlcluster >/dev/null; then
  say "installing PostgreSQL $version server and contrib from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -o DPkg::Lock::Timeout=600 postgresql postgresql-contrib >&2
  [ -x "$bindir/postgres" ] || die "PostgreSQL $version is still missing after apt-get install"
  [ -f "/usr/share/postgresql/$version/extension/pg_trgm.control" ] || die "pg_trgm is still missing"
fi

# Test-only tuning: durability is irrelevant for throw-away test databases, speed is not.
tuning="# Written by eng/start-postgres.sh: settings for the ReversePaas test suites. Do not edit.
listen_addresses = '127.0.0.1'
max_connections = 600
fsync = off
synchronous_commit = off
full_page_writes = off
ssl = off
password_encryption = 'scram-sha-256'
"

# Client authentication: peer over the Unix socket, scram-sha-256 passwords over TCP from loopback.
hba="# Written by eng/start-postgres.sh for the ReversePaas test cluster. Do not edit.
local   all             postgres                                peer
local   all             all                                     peer
host    all             all             127.0.0.1/32            scram-sha-256
host    all             all             ::1/128                 scram-sha-256
"

# True when the file exists with exactly this content.
file_is() { [ -f "$1" ] && [ "$(as_root cat "$1")" = "${2%$'\n'}" ]; }

# Fast path: the cluster already runs on the right port with the right setup.
if file_is "$confdir/conf.d/reversepaas-tests.conf" "$tuning" && file_is "$confdir/pg_hba.conf" "$hba" \
  && tcp_ready && verify 2>/dev/null; then
  say "cluster $version/$cluster already running on 127.0.0.1:$port"
  printf '%s\n' "$connection_string"
  exit 0
fi

# Refuse to take a port that another cluster is configured on: never break someone else's server.
while read -r ver name cport _; do
  if [ "$cport" = "$port" ] && [ "$ver/$name" != "$version/$cluster" ]; then
    die "port $port is used by cluster $ver/$name; set REVERSEPAAS_PG_PORT to another port"
  fi
done < <(pg_lsclusters -h 2>/dev/null || true)

# 2. The dedicated cluster.
if [ ! -f "$confdir/postgresql.conf" ]; then
  say "creating cluster $version/$cluster on port $port"
  as_root pg_createcluster "$version" "$cluster" -p "$port" --locale C.UTF-8 -e UTF8 >&2
fi

cluster_running() { as_root pg_ctlcluster "$version" "$cluster" status >/dev/null 2>&1; }
needs_restart=0

current_port=$(as_root pg_conftool -s "$version" "$cluster" postgresql.conf show port 2>/dev/null || true)
if [ "$current_port" != "$port" ]; then
  say "moving cluster $version/$cluster from port ${current_port:-?} to $port"
  as_root pg_conftool "$version" "$cluster" postgresql.conf set port "$port"
  needs_restart=1
fi

if ! file_is "$confdir/conf.d/reversepaas-tests.conf" "$tuning"; then
  say "writing $confdir/conf.d/reversepaas-tests.conf"
  printf '%s' "$tuning" | as_root tee "$confdir/conf.d/reversepaas-tests.conf" >/dev/null
  as_root chown postgres:postgres "$confdir/conf.d/reversepaas-tests.conf"
  needs_restart=1
fi

if ! file_is "$confdir/pg_hba.conf" "$hba"; then
  say "writing $confdir/pg_hba.conf"
  printf '%s' "$hba" | as_root tee "$confdir/pg_hba.conf" >/dev/null
  as_root chown postgres:postgres "$confdir/pg_hba.conf"
  as_root chmod 640 "$confdir/pg_hba.conf"
  needs_restart=1
fi

show_log() { as_root tail -n 30 "/var/log/postgresql/postgresql-$version-$cluster.log" >&2 || true; }
start_cluster() {
  say "starting cluster $version/$cluster"
  as_root pg_ctlcluster "$version" "$cluster" start >&2 || { show_log; die "could not start $version/$cluster"; }
}

if cluster_running; then
  if [ "$needs_restart" -eq 1 ]; then
    say "restarting cluster $version/$cluster to apply its configuration"
    as_root pg_ctlcluster "$version" "$cluster" restart >&2 || { show_log; die "could not restart $version/$cluster"; }
  fi
else
  start_cluster
fi

# 4a. Wait, bounded, until the server accepts TCP connections. A server that was still shutting down or had
# crashed (a dead postmaster can look alive until its pid is reaped) is started again once it is really gone.
deadline=$((SECONDS + wait_seconds))
until tcp_ready; do
  if [ "$SECONDS" -ge "$deadline" ]; then
    show_log
    die "cluster $version/$cluster did not accept connections on 127.0.0.1:$port within ${wait_seconds}s"
  fi
  sleep 0.2
  cluster_running || start_cluster
done

# 3. Role and database (the password is (re)set every time so it is always stored as scram-sha-256).
say "ensuring role $role and database $database"
psql_admin -d postgres >/dev/null <<SQL
SET password_encryption = 'scram-sha-256';
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$role') THEN
    CREATE ROLE $role LOGIN CREATEDB PASSWORD '$password';
  ELSE
    ALTER ROLE $role LOGIN CREATEDB PASSWORD '$password';
  END IF;
END
\$\$;
SELECT 'CREATE DATABASE $database OWNER $role' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$database')\gexec
ALTER DATABASE $database OWNER TO $role;
-- The outage drills drop a test database WITH (FORCE); an autovacuum worker busy in it has no role, and only
-- pg_signal_backend may terminate it (42501 otherwise, seen once in CI).
GRANT pg_signal_backend TO $role;
SQL

# 4b. Verify a password login over TCP and that the role may create pg_trgm.
verify || die "could not connect as $role over TCP to 127.0.0.1:$port, or pg_trgm is unavailable"
say "PostgreSQL $version/$cluster ready on 127.0.0.1:$port"
printf '%s\n' "$connection_string"
