package io.paddock.admin;

import io.paddock.config.ServerConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The admin commands, by ZooKeeper's admin names with the four-letter words (and ZooKeeper's other
 * aliases) as aliases, and what each answers. An answer is a JSON object that ends with {@code
 * "command"} (the primary name) and {@code "error"} ({@code null} on success), as ZooKeeper's admin
 * server does; the field names inside follow ZooKeeper's where it has the command.
 *
 * <p>Every figure comes from one {@link AdminBackend#figures} snapshot per call; directory sizes
 * are measured on the calling (HTTP) thread, never the server's processor.
 */
public final class AdminCommands {
  /** HTTP status of a command that ran. */
  static final int OK = 200;

  static final int NOT_FOUND = 404;
  static final int UNAVAILABLE = 503;

  /**
   * One command.
   *
   * @param name ZooKeeper's primary name, e.g. {@code monitor}
   * @param aliases other names it answers to, e.g. {@code mntr}
   * @param doc what it returns
   */
  public record Command(String name, List<String> aliases, String doc) {
    public Command {
      aliases = List.copyOf(aliases);
    }
  }

  /**
   * An answer: the HTTP status and the JSON object.
   *
   * @param status 200, or an error status
   * @param body the JSON object, with {@code command} and {@code error} last
   */
  public record Result(int status, Map<String, Object> body) {
    public Result {
      body = Collections.unmodifiableMap(new LinkedHashMap<>(body));
    }

    /** The {@code error} field, null on success. */
    public String error() {
      return (String) body.get("error");
    }
  }

  /** The JSON fields of one command's answer, without command/error. */
  private interface Body {
    Map<String, Object> build() throws AdminUnavailableException;
  }

  private record Entry(Command command, Body body) {}

  private final AdminBackend backend;
  private final ServerConfig config;
  private final CommandBodies bodies;
  private final Map<String, Entry> byName = new LinkedHashMap<>();
  private final List<Command> commands = new ArrayList<>();

  /**
   * The commands of one server.
   *
   * @param backend the running server
   * @param config its configuration
   * @param clientPort the bound client port (the configured one may be 0)
   */
  public AdminCommands(AdminBackend backend, ServerConfig config, int clientPort) {
    this.backend = backend;
    this.config = config;
    this.bodies = new CommandBodies(config, clientPort);
    register();
  }

  /** Every command, in the order {@code GET /commands} lists them. */
  public List<Command> commands() {
    return List.copyOf(commands);
  }

  /** The command called {@code nameOrAlias}. */
  public Optional<Command> find(String nameOrAlias) {
    return Optional.ofNullable(byName.get(nameOrAlias)).map(Entry::command);
  }

  /** Runs the command called {@code nameOrAlias}; an unknown name gets a 404 answer. */
  public Result run(String nameOrAlias) {
    Entry entry = byName.get(nameOrAlias);
    if (entry == null) {
      return error(NOT_FOUND, nameOrAlias, "Unknown command: " + nameOrAlias);
    }
    String name = entry.command().name();
    try {
      Map<String, Object> body = new LinkedHashMap<>(entry.body().build());
      body.put("command", name);
      body.put("error", null);
      return new Result(OK, body);
    } catch (AdminUnavailableException e) {
      return error(UNAVAILABLE, name, e.getMessage());
    }
  }

  static Result error(int status, String command, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("command", command);
    body.put("error", message);
    return new Result(status, body);
  }

  private void register() {
    add("ruok", List.of(), "Answers if the server's processor is responsive.", this::ruok);
    add(
        "server_stats",
        List.of("srvr"),
        "Version, mode, latency and packet figures.",
        () -> bodies.serverStats(figures(), false));
    add(
        "stats",
        List.of("stat"),
        "server_stats plus the client connections.",
        () -> bodies.serverStats(figures(), true));
    add(
        "monitor",
        List.of("mntr"),
        "The figures monitoring tools read (mntr).",
        () -> bodies.monitor(figures()));
    add(
        "configuration",
        List.of("conf", "config"),
        "The effective configuration.",
        bodies::configuration);
    add(
        "connections",
        List.of("cons"),
        "Every client connection with its session and packet counts.",
        () -> bodies.connections(figures()));
    add(
        "environment",
        List.of("envi", "env"),
        "Version, Java and operating system.",
        () -> CommandBodies.environment(figures()));
    add(
        "watch_summary",
        List.of("wchs"),
        "Counts of watches, watched paths and watching sessions.",
        () -> bodies.watchSummary(figures()));
    add(
        "watches",
        List.of("wchc"),
        "The paths each session watches.",
        () -> bodies.watches(details(ServerFigures.Detail.WATCHES_BY_SESSION)));
    add(
        "watches_by_path",
        List.of("wchp"),
        "The sessions watching each path.",
        () -> bodies.watchesByPath(details(ServerFigures.Detail.WATCHES_BY_PATH)));
    add(
        "dump",
        List.of(),
        "Sessions by expiry time, and each session's ephemeral nodes.",
        () -> bodies.dump(details(ServerFigures.Detail.SESSIONS)));
    add("dirs", List.of(), "Bytes in the data and log directories.", bodies::dirs);
    add(
        "is_read_only",
        List.of("isro"),
        "Whether the server is in read-only mode (never, for now).",
        () -> Map.of("read_only", false));
    add(
        "connection_stat_reset",
        List.of("crst"),
        "Resets every connection's packet counts.",
        () -> {
          backend.resetConnectionStats();
          return Map.of();
        });
    add(
        "stat_reset",
        List.of("srst"),
        "Resets the latency and packet figures of server_stats (not the Prometheus counters).",
        () -> {
          backend.resetServerStats();
          return Map.of();
        });
    add("leader", List.of("lead"), "Whether this server leads its ensemble.", this::leader);
    add(
        "voting_view",
        List.of(),
        "The voting members of the ensemble, id to server.N value (none in standalone mode).",
        this::votingView);
    add(
        "snapshot",
        List.of("snap"),
        "Takes a snapshot now and answers once it is on disk: its last zxid and size.",
        this::snapshot);
  }

  private void add(String name, List<String> aliases, String doc, Body body) {
    Command command = new Command(name, aliases, doc);
    Entry entry = new Entry(command, body);
    commands.add(command);
    for (String n : concat(name, aliases)) {
      if (byName.put(n, entry) != null) {
        throw new IllegalStateException("admin command name registered twice: " + n);
      }
    }
  }

  private static List<String> concat(String first, List<String> rest) {
    List<String> out = new ArrayList<>(rest.size() + 1);
    out.add(first);
    out.addAll(rest);
    return out;
  }

  private ServerFigures figures() throws AdminUnavailableException {
    return backend.figures(EnumSet.noneOf(ServerFigures.Detail.class));
  }

  private ServerFigures.Details details(ServerFigures.Detail detail)
      throws AdminUnavailableException {
    return backend.figures(Set.of(detail)).details();
  }

  private Map<String, Object> ruok() throws AdminUnavailableException {
    figures(); // "ok" means the processor answers, not merely that the HTTP port does
    return Map.of();
  }

  private Map<String, Object> leader() throws AdminUnavailableException {
    ServerFigures f = figures();
    QuorumFigures q = f.quorum();
    Map<String, Object> out = new LinkedHashMap<>();
    // A standalone server runs no election: it neither leads nor follows, so there is no leader
    // to name. ZooKeeper's quorum answer has the same three fields.
    out.put("is_leader", f.mode().equals("leader"));
    out.put("leader_id", q.ensemble() && q.leaderId() >= 0 ? q.leaderId() : null);
    out.put("leader_ip", q.ensemble() ? q.leaderHost() : null);
    out.put("server_state", f.mode());
    if (q.ensemble()) {
      out.put("epoch", q.epoch());
      List<Object> learners = new ArrayList<>();
      for (QuorumFigures.Learner l : q.learners()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", l.id());
        m.put("type", l.observer() ? "observer" : "participant");
        m.put("synced", l.synced());
        m.put("acked_zxid", l.ackedZxid());
        m.put("lag", l.lagTransactions());
        learners.add(m);
      }
      out.put("learners", learners);
    }
    return out;
  }

  private Map<String, Object> votingView() {
    Map<String, Object> view = new LinkedHashMap<>();
    backend.quorum().votingView().forEach((id, server) -> view.put(Long.toString(id), server));
    return Map.of("current_config", view);
  }

  private Map<String, Object> snapshot() throws AdminUnavailableException {
    SnapshotTaken s = backend.takeSnapshot();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("last_zxid", "0x" + Long.toHexString(s.lastZxid()));
    out.put("snapshot_size", s.sizeBytes());
    out.put("took_ms", s.tookNanos() / 1_000_000);
    out.put("data_dir", config.dataDir().toString());
    return out;
  }
}
