/**
 * The command-line client, shaped after ZooKeeper's {@code zkCli}: the same commands, options,
 * output and error wording, so operators and their scripts keep working. {@link
 * io.paddock.cli.CliMain} is the process entry point (the only place that calls {@code
 * System.exit}); {@link io.paddock.cli.CliSession} is the testable core, driven by injected
 * streams.
 *
 * <p>Parts: {@link io.paddock.cli.CliOptions} (launcher arguments), {@link
 * io.paddock.cli.Tokenizer} and {@link io.paddock.cli.ParsedArgs} (a command line into words and
 * options), {@link io.paddock.cli.CommandTable} (every command's spec and handler, in {@link
 * io.paddock.cli.NodeCommands}, {@link io.paddock.cli.AclCommands}, {@link
 * io.paddock.cli.QuotaCommands} and {@link io.paddock.cli.WatchCommands}), {@link
 * io.paddock.cli.AclText}, {@link io.paddock.cli.StatText} and {@link io.paddock.cli.ErrorText}
 * (zkCli's text forms), {@link io.paddock.cli.LineSource} (plain stdin, or JLine on a terminal).
 *
 * <p>Output convention (zkCli's): results on stdout, errors and usage on stderr, watch events on
 * stdout as {@code WATCHER::} blocks. One deliberate difference: {@code Created /path} goes to
 * stdout, because it is the command's result (a sequential node's name) that scripts capture.
 *
 * <p>Allowed dependencies: the JDK, {@code io.paddock.api} (the client is found through {@link
 * io.paddock.api.PaddockClients}), and JLine. Never the server, tree, wire or client internals.
 */
package io.paddock.cli;
