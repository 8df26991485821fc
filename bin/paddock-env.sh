#!/usr/bin/env bash
# Shared settings for the bin/ scripts. Sourced, not run.
# Override JAVA, JVMFLAGS (server and CLI), SERVER_JVMFLAGS (server), CLIENT_JVMFLAGS (CLI),
# PADDOCK_JVM_OPTS / PADDOCK_CLI_JVM_OPTS (older names) or PADDOCK_LOG_DIR in the environment or in
# conf/paddock-env.sh (optional; conf/paddock-env.sh.sample shows them). The names follow
# ZooKeeper's zkEnv.sh.

PADDOCK_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PADDOCK_HOME
if [ -f "$PADDOCK_HOME/conf/paddock-env.sh" ]; then
  # shellcheck disable=SC1091
  . "$PADDOCK_HOME/conf/paddock-env.sh"
fi

if [ -z "${JAVA:-}" ]; then
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    JAVA="$JAVA_HOME/bin/java"
  else
    JAVA="java"
  fi
fi
PADDOCK_LOG_DIR="${PADDOCK_LOG_DIR:-$PADDOCK_HOME/logs}"
PADDOCK_JAR="$PADDOCK_HOME/provider/target/paddock-provider.jar"
PADDOCK_CLASSPATH="$PADDOCK_JAR:$PADDOCK_HOME/provider/target/lib/*"

paddock_require_build() {
  if [ ! -f "$PADDOCK_JAR" ]; then
    echo "Paddock is not built yet: run 'mvn -B -q -DskipTests package' in $PADDOCK_HOME first." >&2
    exit 1
  fi
}

# Reads KEY from a zoo.cfg-style file; prints DEFAULT when absent. A value with a ${env:...} or
# ${sys:...} variable is resolved by the server's own configuration reader (one JVM start).
paddock_cfg_value() {
  local file="$1" key="$2" default="$3" line value
  line=$(grep -E "^[[:space:]]*${key//./\\.}[[:space:]]*[=:]" "$file" 2>/dev/null | tail -n 1)
  if [ -z "$line" ]; then
    echo "$default"
    return
  fi
  value=$(echo "$line" | sed -E 's/^[^=:]*[=:][[:space:]]*//; s/[[:space:]]*$//')
  case "$value" in
    *'${'*)
      if [ -f "$PADDOCK_JAR" ] && value=$("$JAVA" -cp "$PADDOCK_CLASSPATH" \
          io.paddock.server.ServerMain --config-value "$file" "$key" 2>/dev/null); then
        :
      else
        value="$default"
      fi
      ;;
  esac
  echo "$value"
}
