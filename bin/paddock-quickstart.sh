#!/usr/bin/env bash
# Try Paddock on a fresh machine: build if needed, start a standalone server on the embedded
# default configuration (127.0.0.1:2181, data in ./data under the Paddock home), open the CLI on
# it, and stop that server when the CLI exits.
#   bin/paddock-quickstart.sh                  # interactive CLI; 'quit' (or Ctrl-D) stops everything
#   bin/paddock-quickstart.sh ls /             # run one CLI command against the fresh server, exit
# The exit code is the CLI's (one-shot: 0 ok, 1 failed, 2 usage), or 1 if the server did not start.
set -u
. "$(dirname "${BASH_SOURCE[0]}")/paddock-env.sh"

CLIENT_HOST=127.0.0.1
CLIENT_PORT=2181
SERVER_LOG="$PADDOCK_LOG_DIR/quickstart-server.out"
server_pid=""

say() { echo "[quickstart] $*" >&2; }

# Stops the server this script started, and only that one (by its PID).
stop_server() {
  [ -n "$server_pid" ] || return 0
  if kill -0 "$server_pid" 2>/dev/null; then
    say "stopping the Paddock server (pid $server_pid)"
    kill "$server_pid" 2>/dev/null
    for _ in $(seq 1 100); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$server_pid" 2>/dev/null; then
      say "server pid $server_pid did not stop within 10 s; sending SIGKILL"
      kill -9 "$server_pid" 2>/dev/null
    fi
  fi
  wait "$server_pid" 2>/dev/null
  server_pid=""
}
trap stop_server EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_in_use() {
  (exec 3<>"/dev/tcp/$CLIENT_HOST/$CLIENT_PORT") 2>/dev/null
}

ruok() (
  local answer
  exec 3<>"/dev/tcp/$CLIENT_HOST/$CLIENT_PORT" || return 1
  printf 'ruok' >&3
  answer=$(timeout 2 cat <&3)
  exec 3<&- 3>&-
  [ "$answer" = "imok" ]
)

cd "$PADDOCK_HOME" || exit 1

if [ ! -f "$PADDOCK_JAR" ]; then
  command -v mvn >/dev/null 2>&1 || { say "Maven (mvn) is needed to build Paddock; install Maven 3.8+ and a JDK 17"; exit 1; }
  say "building Paddock: (cd $PADDOCK_HOME && mvn -B -q -DskipTests package)"
  if ! mvn -B -q -DskipTests package; then
    say "the build failed; see the Maven output above"
    exit 1
  fi
fi

if port_in_use; then
  say "something is already listening on $CLIENT_HOST:$CLIENT_PORT; not starting a second server."
  say "Stop it first, or connect to it with: bin/paddock-cli.sh -server $CLIENT_HOST:$CLIENT_PORT"
  exit 1
fi

mkdir -p "$PADDOCK_LOG_DIR"
say "starting a Paddock server on $CLIENT_HOST:$CLIENT_PORT (data in $PADDOCK_HOME/data, log in $SERVER_LOG)"
# shellcheck disable=SC2086
"$JAVA" ${PADDOCK_JVM_OPTS:-} -cp "$PADDOCK_CLASSPATH" io.paddock.server.ServerMain \
  >"$SERVER_LOG" 2>&1 </dev/null &
server_pid=$!

started=""
for _ in $(seq 1 150); do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    say "the server exited during start-up; last lines of $SERVER_LOG:"
    tail -n 20 "$SERVER_LOG" >&2
    server_pid=""
    exit 1
  fi
  if ruok 2>/dev/null; then
    started=yes
    break
  fi
  sleep 0.1
done
if [ -z "$started" ]; then
  say "the server (pid $server_pid) did not answer ruok within 15 s; see $SERVER_LOG"
  exit 1
fi
say "server is up (pid $server_pid); opening the CLI${1:+ for: $*}"

# From here Ctrl-C belongs to the CLI (it clears the line being typed); the script must not exit
# on it. A command trap (not '') so the CLI itself gets the default SIGINT handling.
trap ':' INT
# shellcheck disable=SC2086
"$JAVA" ${PADDOCK_CLI_JVM_OPTS:-} -cp "$PADDOCK_CLASSPATH" io.paddock.cli.CliMain \
  -server "$CLIENT_HOST:$CLIENT_PORT" "$@"
cli_status=$?
exit "$cli_status"
