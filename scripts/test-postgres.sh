#!/usr/bin/env bash
# Starts and stops a throwaway PostgreSQL cluster for sleet's integration tests (after libpqxx
# tools/run-test-postgres.sh): initdb into DIR/data, trust auth on 127.0.0.1 except for the role sleet_pw
# (password s3cret-pw, scram-sha-256) used by the wrong-password test, fsync off, a free TCP port, the Unix
# socket inside DIR. No Docker. It never touches a system cluster.
#
#   eval "$(scripts/test-postgres.sh start DIR)"   # prints only `export ...` lines on stdout
#   scripts/test-postgres.sh env DIR               # the same export lines for a running cluster
#   scripts/test-postgres.sh stop DIR              # pg_ctl -m fast stop, then rm -rf DIR
#
# As root (CI), the cluster runs as the `postgres` system user if it exists, else as `sleet-test` (created
# with useradd --system); PostgreSQL refuses to run as root. As any other user it runs as that user.
# Binaries: $SLEET_PG_BINDIR, else the newest /usr/lib/postgresql/*/bin, else `pg_config --bindir`.
set -euo pipefail

# Everything but the final export lines goes to stderr, so `eval "$(... start DIR)"` sees only exports.
exec 3>&1 1>&2

readonly kMarker=".sleet-test-postgres"
readonly kPasswordRole="sleet_pw"
readonly kPasswordRolePassword="s3cret-pw"

die() {
  echo "test-postgres.sh: $*" >&2
  exit 1
}

usage() {
  echo "usage: $0 start|env|stop DIR" >&2
  exit 2
}

find_bindir() {
  if [[ -n "${SLEET_PG_BINDIR:-}" ]]; then
    echo "$SLEET_PG_BINDIR"
    return
  fi
  local candidate
  for candidate in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -t/ -k4 -n -r); do
    if [[ -x "$candidate/initdb" ]]; then
      echo "$candidate"
      return
    fi
  done
  if command -v pg_config >/dev/null 2>&1; then
    candidate="$(pg_config --bindir)"
    if [[ -x "$candidate/initdb" ]]; then
      echo "$candidate"
      return
    fi
  fi
  die "cannot find initdb: install postgresql-15 or set SLEET_PG_BINDIR"
}

# The OS user the server runs as, created if needed when we are root.
server_user() {
  if [[ "$(id -u)" != 0 ]]; then
    id -un
    return
  fi
  if id postgres >/dev/null 2>&1; then
    echo postgres
    return
  fi
  if ! id sleet-test >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin sleet-test ||
      die "cannot create the system user sleet-test"
  fi
  echo sleet-test
}

# Runs a command as the server user (directly when that is us).
as_server_user() {
  if [[ "$(id -u)" == 0 ]]; then
    runuser -u "$SERVER_USER" -- "$@"
  else
    "$@"
  fi
}

# Runs pg_ctl as the server user with every file descriptor above 2 closed: the postmaster it forks would
# otherwise inherit them (e.g. fd 3, the stdout of `eval "$(... start DIR)"`) and keep the caller waiting.
pg_ctl_detached() {
  (
    cd "$DIR"
    for fd_path in "/proc/$BASHPID/fd"/*; do
      fd="${fd_path##*/}"
      if ((fd > 2)); then eval "exec $fd>&-"; fi
    done
    as_server_user "$BINDIR/pg_ctl" "$@" </dev/null >/dev/null
  )
}

port_in_use() {
  (exec 9<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pick_port() {
  local attempt port
  for attempt in $(seq 1 200); do
    port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    if ! port_in_use "$port"; then
      echo "$port"
      return
    fi
  done
  die "cannot find a free TCP port on 127.0.0.1"
}

print_exports() {
  local port="$1"
  {
    echo "export PGHOST=127.0.0.1 PGPORT=$port PGUSER=postgres"
    echo "export SLEET_TEST_PG_URL=postgres://postgres@127.0.0.1:$port/postgres"
  } >&3
}

is_running() {
  [[ -f "$DATA/postmaster.pid" ]] && as_server_user "$BINDIR/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

show_log() {
  echo "---- $LOG ----"
  cat "$LOG" 2>/dev/null || echo "(no log)"
  echo "----"
}

# Socket directory: inside DIR unless that path is too long for a Unix socket (107 bytes), then in /tmp.
socket_dir() {
  if [[ -f "$DIR/socket_dir" ]]; then
    cat "$DIR/socket_dir"
    return
  fi
  local dir="$DIR/sock"
  if ((${#dir} + 20 > 100)); then
    dir="$(mktemp -d /tmp/sleet-pg-sock.XXXXXX)"
  else
    mkdir -p "$dir"
  fi
  chown "$SERVER_USER" "$dir"
  echo "$dir" >"$DIR/socket_dir"
  echo "$dir"
}

init_cluster() {
  echo "initdb into $DATA (as $SERVER_USER)"
  if ! (cd "$DIR" && as_server_user "$BINDIR/initdb" -D "$DATA" -U postgres -A trust -E UTF8 --locale=C \
    --no-sync) >"$DIR/initdb.log" 2>&1; then
    cat "$DIR/initdb.log"
    die "initdb failed (is $DIR reachable by $SERVER_USER? every parent directory needs o+x)"
  fi
  # The role with a password authenticates with scram-sha-256 over TCP; everyone else is trusted.
  as_server_user tee "$DATA/pg_hba.conf" >/dev/null <<HBA
# written by scripts/test-postgres.sh; first match wins
host    all  $kPasswordRole  127.0.0.1/32  scram-sha-256
host    all  $kPasswordRole  ::1/128       scram-sha-256
local   all  all                           trust
host    all  all             127.0.0.1/32  trust
host    all  all             ::1/128       trust
HBA
  echo "include_if_exists 'sleet_test.conf'" | as_server_user tee -a "$DATA/postgresql.conf" >/dev/null
}

write_server_conf() {
  local port="$1" sockdir="$2"
  as_server_user tee "$DATA/sleet_test.conf" >/dev/null <<CONF
# written by scripts/test-postgres.sh on every start
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$sockdir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
password_encryption = 'scram-sha-256'
log_min_messages = warning
CONF
}

create_roles() {
  local port="$1"
  "$BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres >/dev/null <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$kPasswordRole') THEN
    CREATE ROLE $kPasswordRole LOGIN;
  END IF;
END
\$\$;
ALTER ROLE $kPasswordRole PASSWORD '$kPasswordRolePassword';
SQL
}

cmd_start() {
  if [[ -d "$DIR" && ! -f "$DIR/$kMarker" && -n "$(ls -A "$DIR")" ]]; then
    die "refusing to use $DIR: it is not empty and was not made by $0 (stop would remove it)"
  fi
  mkdir -p "$DIR"
  DIR="$(cd "$DIR" && pwd)"
  DATA="$DIR/data"
  LOG="$DIR/server.log"
  touch "$DIR/$kMarker"
  if [[ "$(id -u)" == 0 ]]; then
    chown "$SERVER_USER" "$DIR"
    as_server_user test -w "$DIR" -a -x "$DIR" ||
      die "$SERVER_USER cannot use $DIR: every parent directory must be searchable (o+x)"
  fi

  if is_running; then
    local port
    port="$(cat "$DIR/port")"
    echo "PostgreSQL is already running in $DATA on port $port"
    print_exports "$port"
    return
  fi

  if [[ ! -f "$DATA/PG_VERSION" ]]; then
    rm -rf "$DATA"
    init_cluster
  fi
  touch "$LOG"
  chown "$SERVER_USER" "$LOG" 2>/dev/null || true

  local sockdir port attempt
  sockdir="$(socket_dir)"
  for attempt in 1 2 3 4 5; do
    port="$(pick_port)"
    write_server_conf "$port" "$sockdir"
    echo "starting PostgreSQL on 127.0.0.1:$port (attempt $attempt)"
    if pg_ctl_detached -D "$DATA" -l "$LOG" -w -t 60 start; then
      echo "$port" >"$DIR/port"
      if ! create_roles "$port"; then
        show_log
        die "cannot create role $kPasswordRole"
      fi
      print_exports "$port"
      return
    fi
    # A port taken between the probe and the bind is worth another try; anything else is not.
    if ! grep -q "could not bind\|Address already in use" "$LOG"; then
      break
    fi
  done
  show_log
  die "PostgreSQL did not start (data directory $DATA)"
}

cmd_env() {
  DIR="$(cd "$DIR" && pwd)"
  DATA="$DIR/data"
  is_running || die "no running cluster in $DIR (start it with: $0 start $DIR)"
  print_exports "$(cat "$DIR/port")"
}

cmd_stop() {
  if [[ ! -e "$DIR" ]]; then
    echo "nothing to stop: $DIR does not exist"
    return
  fi
  DIR="$(cd "$DIR" && pwd)"
  DATA="$DIR/data"
  [[ -f "$DIR/$kMarker" ]] || die "refusing to remove $DIR: it was not made by $0 (no $kMarker)"
  if [[ -f "$DATA/postmaster.pid" ]]; then
    pg_ctl_detached -D "$DATA" -m fast -w -t 60 stop ||
      echo "pg_ctl stop failed; removing $DIR anyway"
  fi
  if [[ -f "$DIR/socket_dir" ]]; then
    local sockdir
    sockdir="$(cat "$DIR/socket_dir")"
    [[ "$sockdir" == /tmp/sleet-pg-sock.* ]] && rm -rf "$sockdir"
  fi
  rm -rf "$DIR"
  echo "stopped and removed $DIR"
}

[[ $# -eq 2 ]] || usage
COMMAND="$1"
DIR="$2"
[[ -n "$DIR" ]] || usage
BINDIR="$(find_bindir)"
SERVER_USER="$(server_user)"
DATA="$DIR/data"
LOG="$DIR/server.log"

case "$COMMAND" in
  start) cmd_start ;;
  env) cmd_env ;;
  stop) cmd_stop ;;
  *) usage ;;
esac
