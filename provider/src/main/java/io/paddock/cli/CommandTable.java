package io.paddock.cli;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every command the CLI knows, with zkCli's names and usage lines. {@code ls2} and {@code rmr},
 * dropped by ZooKeeper 3.9's zkCli but still in many runbooks, are kept as aliases of {@code ls -s}
 * and {@code deleteall}. {@code redo} is listed here for help and completion; {@link
 * CliSession#executeLine} runs it, because it rewrites the history.
 */
final class CommandTable {
  private static final List<Command> COMMANDS =
      List.of(
          new Command(
              "addWatch",
              "m:",
              1,
              1,
              "addWatch [-m mode] path # optional mode is one of [PERSISTENT,"
                  + " PERSISTENT_RECURSIVE] - default is PERSISTENT_RECURSIVE",
              true,
              WatchCommands::addWatch),
          new Command("addauth", "", 1, 2, "addauth scheme auth", true, AclCommands::addAuth),
          new Command("close", "", 0, 0, "close ", false, CommandTable::close),
          new Command("config", "cws", 0, 0, "config [-c] [-w] [-s]", true, NodeCommands::config),
          new Command("connect", "", 0, 1, "connect host:port", false, CommandTable::connect),
          new Command(
              "create",
              "sect:",
              1,
              3,
              "create [-s] [-e] [-c] [-t ttl] path [data] [acl]",
              true,
              NodeCommands::create),
          new Command("delete", "v:", 1, 1, "delete [-v version] path", true, NodeCommands::delete),
          new Command(
              "deleteall",
              "b:",
              1,
              1,
              "deleteall path [-b batch size]",
              true,
              NodeCommands::deleteAll),
          new Command(
              "delquota", "nb", 1, 1, "delquota [-n|-b] path", true, QuotaCommands::delQuota),
          new Command("get", "swb", 1, 1, "get [-s] [-w] [-b] path", true, NodeCommands::get),
          new Command("getAcl", "s", 1, 1, "getAcl [-s] path", true, AclCommands::getAcl),
          new Command(
              "getAllChildrenNumber",
              "",
              1,
              1,
              "getAllChildrenNumber path",
              true,
              NodeCommands::allChildrenNumber),
          new Command(
              "getEphemerals", "", 0, 1, "getEphemerals path", true, NodeCommands::ephemerals),
          new Command("help", "", 0, 0, "help ", false, CommandTable::help),
          new Command("history", "", 0, 0, "history ", false, CommandTable::history),
          new Command("listquota", "", 1, 1, "listquota path", true, QuotaCommands::listQuota),
          new Command("ls", "swR", 1, 1, "ls [-s] [-w] [-R] path", true, NodeCommands::ls),
          new Command("ls2", "w", 1, 1, "ls2 [-w] path", true, NodeCommands::ls2),
          new Command(
              "printwatches", "", 0, 1, "printwatches on|off", false, WatchCommands::printWatches),
          new Command("quit", "", 0, 0, "quit ", false, CommandTable::quit),
          new Command("redo", "", 1, 1, "redo cmdno", false, CommandTable::redoOutOfPlace),
          new Command(
              "removewatches",
              "cdal",
              1,
              1,
              "removewatches path [-c|-d|-a] [-l]",
              true,
              WatchCommands::removeWatches),
          new Command("rmr", "b:", 1, 1, "rmr path", true, NodeCommands::deleteAll),
          new Command(
              "set", "sv:", 2, 2, "set [-s] [-v version] path data", true, NodeCommands::set),
          new Command(
              "setAcl",
              "sv:R",
              2,
              2,
              "setAcl [-s] [-v version] [-R] path acl",
              true,
              AclCommands::setAcl),
          new Command(
              "setquota", "n:b:", 1, 1, "setquota -n|-b val path", true, QuotaCommands::setQuota),
          new Command("stat", "w", 1, 1, "stat [-w] path", true, NodeCommands::stat),
          new Command("sync", "", 1, 1, "sync path", true, NodeCommands::sync),
          new Command("whoami", "", 0, 0, "whoami ", true, AclCommands::whoAmI));

  private static final Map<String, Command> BY_NAME =
      COMMANDS.stream().collect(Collectors.toUnmodifiableMap(Command::name, Function.identity()));

  private CommandTable() {}

  /** The command named {@code name} (case-sensitive, as in zkCli), or null. */
  static Command find(String name) {
    return BY_NAME.get(name);
  }

  /** All command names, sorted, for completion. */
  static List<String> names() {
    return COMMANDS.stream().map(Command::name).sorted().toList();
  }

  /** The text {@code help} prints: the launcher's usage, then one line per command. */
  static String helpText() {
    Map<String, String> sorted = new TreeMap<>();
    for (Command c : COMMANDS) {
      sorted.put(c.name(), c.usage());
    }
    StringBuilder sb =
        new StringBuilder(
            "paddock-cli -server host:port[,host:port...][/chroot] [-timeout ms] [-r] cmd args\n");
    for (String usage : sorted.values()) {
      sb.append('\t').append(usage).append('\n');
    }
    return sb.toString();
  }

  private static Status help(CliSession s, ParsedArgs a) {
    s.print(helpText());
    return Status.OK;
  }

  private static Status history(CliSession s, ParsedArgs a) {
    for (History.Entry e : s.history().recent()) {
      s.println(e.number() + " - " + e.line());
    }
    return Status.OK;
  }

  private static Status close(CliSession s, ParsedArgs a) {
    s.closeClient();
    return Status.OK;
  }

  private static Status quit(CliSession s, ParsedArgs a) {
    s.requestQuit();
    return Status.OK;
  }

  private static Status connect(CliSession s, ParsedArgs a) throws InterruptedException {
    s.connect(a.arg(0, s.connectString()));
    return Status.OK;
  }

  /** Reached only when {@code redo} is not typed as a line (one-shot mode): nothing to redo. */
  private static Status redoOutOfPlace(CliSession s, ParsedArgs a) throws CommandFailed {
    throw new CommandFailed("Command index out of range");
  }
}
