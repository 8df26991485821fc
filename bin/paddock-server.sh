#!/usr/bin/env bash
# Start, stop and query a Paddock server.
#   bin/paddock-server.sh {start|start-foreground|stop|status|restart|version} [zoo.cfg]
# The config defaults to conf/zoo.cfg. Relative paths inside it resolve against the Paddock home.
# JVM options: SERVER_JVMFLAGS and JVMFLAGS (and the older PADDOCK_JVM_OPTS), from the environment
# or conf/paddock-env.sh. The pid file is dataDir/paddock_server.pid (or PADDOCK_PID_FILE), the log
# logs/paddock-server.out (PADDOCK_LOG_DIR). status asks the server itself (srvr): Mode, Zxid,
# Connections, Node count; exit code 0 when it answers, 1 when not.
set -u
. "$(dirname "${BASH_SOURCE[0]}")/paddock-env.sh"

usage() {
  echo "Usage: $0 {start|start-foreground|stop|status|restart|version} [zoo.cfg]" >&2
  exit 2
}

[ $# -ge 1 ] || usage
command="$1"
cfg="${2:-$PADDOCK_HOME/conf/zoo.cfg}"
case "$cfg" in /*) ;; *) cfg="$(pwd)/$cfg" ;; esac

if [ "$command" != "version" ] && [ ! -f "$cfg" ]; then
  echo "Config file not found: $cfg" >&2
  exit 1
fi

data_dir="$(paddock_cfg_value "$cfg" dataDir data)"
case "$data_dir" in /*) ;; *) data_dir="$PADDOCK_HOME/$data_dir" ;; esac
pid_file="${PADDOCK_PID_FILE:-$data_dir/paddock_server.pid}"
client_port="$(paddock_cfg_value "$cfg" clientPort 2181)"
client_address="$(paddock_cfg_value "$cfg" clientPortAddress 127.0.0.1)"
[ "$client_address" = "0.0.0.0" ] && client_address=127.0.0.1
# One log per configuration, so that several servers (an ensemble on one machine) share logs/.
if [ "$cfg" = "$PADDOCK_HOME/conf/zoo.cfg" ]; then
  log_file="${PADDOCK_LOG_FILE:-$PADDOCK_LOG_DIR/paddock-server.out}"
else
  log_file="${PADDOCK_LOG_FILE:-$PADDOCK_LOG_DIR/paddock-server-$(basename "$cfg" .cfg).out}"
fi

running_pid() {
  [ -f "$pid_file" ] || return 1
  local pid
  pid=$(cat "$pid_file" 2>/dev/null)
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

# Sends a four-letter word to the client port and prints the answer.
four_letter_word() {
  local word="$1"
  exec 3<>"/dev/tcp/$client_address/$client_port" || return 1
  printf '%s' "$word" >&3
  timeout 5 cat <&3
  exec 3<&- 3>&-
}

start_foreground() {
  paddock_require_build
  cd "$PADDOCK_HOME" || exit 1
  # shellcheck disable=SC2086
  exec "$JAVA" ${PADDOCK_JVM_OPTS:-} ${JVMFLAGS:-} ${SERVER_JVMFLAGS:-} -cp "$PADDOCK_CLASSPATH" io.paddock.server.ServerMain "$cfg"
}

start() {
  paddock_require_build
  if pid=$(running_pid); then
    echo "Paddock already running as process $pid." >&2
    exit 1
  fi
  mkdir -p "$PADDOCK_LOG_DIR" "$(dirname "$pid_file")"
  echo "Starting Paddock with $cfg"
  cd "$PADDOCK_HOME" || exit 1
  # shellcheck disable=SC2086
  nohup "$JAVA" ${PADDOCK_JVM_OPTS:-} ${JVMFLAGS:-} ${SERVER_JVMFLAGS:-} -cp "$PADDOCK_CLASSPATH" io.paddock.server.ServerMain "$cfg" \
    >"$log_file" 2>&1 </dev/null &
  local pid=$!
  echo "$pid" >"$pid_file"
  # Wait until the server answers, or report why it did not start.
  for _ in $(seq 1 100); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "FAILED TO START; see $log_file:" >&2
      tail -n 20 "$log_file" >&2
      rm -f "$pid_file"
      exit 1
    fi
    if [ "$(four_letter_word ruok 2>/dev/null)" = "imok" ]; then
      echo "STARTED (pid $pid, client port $client_address:$client_port, log $log_file)"
      exit 0
    fi
    sleep 0.1
  done
  echo "Paddock (pid $pid) did not answer within 10 s; see $log_file" >&2
  exit 1
}

stop() {
  local pid
  if ! pid=$(running_pid); then
    echo "No Paddock server running (no live pid in $pid_file)."
    rm -f "$pid_file"
    return 0
  fi
  echo "Stopping Paddock (pid $pid)"
  kill "$pid"
  # A graceful stop first snapshots what was logged since the newest snapshot (snapshot.onShutdown):
  # a few seconds for a million znodes, so give it a minute before forcing it.
  for _ in $(seq 1 600); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$pid_file"; echo "STOPPED"; return 0; }
    sleep 0.1
  done
  echo "Paddock (pid $pid) did not stop within 60 s; sending SIGKILL" >&2
  kill -9 "$pid" 2>/dev/null
  rm -f "$pid_file"
}

status() {
  echo "Client port found: $client_port. Client address: $client_address."
  local answer
  if ! answer=$(four_letter_word srvr 2>/dev/null) || [ -z "$answer" ]; then
    echo "Error contacting service. It is probably not running." >&2
    exit 1
  fi
  echo "$answer" | grep -E '^(Mode|Zxid|Connections|Node count):'
}

case "$command" in
  start) start ;;
  start-foreground) start_foreground ;;
  stop) stop ;;
  restart) stop; start ;;
  status) status ;;
  version)
    paddock_require_build
    "$JAVA" -cp "$PADDOCK_CLASSPATH" io.paddock.server.ServerMain --version
    ;;
  *) usage ;;
esac
