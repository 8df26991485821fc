#!/usr/bin/env bash
# The Paddock command-line client, zkCli-compatible.
#   bin/paddock-cli.sh [-server host:port[,host:port...][/chroot]] [-timeout ms] [-r] [command args...]
# Without a command: interactive (line editing and TAB completion on a terminal; one command per
# line when stdin is piped). With a command: runs it and exits 0 (ok), 1 (failed) or 2 (usage).
set -u
. "$(dirname "${BASH_SOURCE[0]}")/paddock-env.sh"
paddock_require_build
# shellcheck disable=SC2086
exec "$JAVA" ${JVMFLAGS:-} ${CLIENT_JVMFLAGS:-} ${PADDOCK_CLI_JVM_OPTS:-} -cp "$PADDOCK_CLASSPATH" io.paddock.cli.CliMain "$@"
