package io.paddock.it.harness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A replicated ensemble of separate server processes on loopback: Apache ZooKeeper 3.9.5 ({@code
 * QuorumPeerMain}) or Paddock ({@code ServerMain}), configured the classic way ({@code server.N}
 * lines, a {@code myid} file in each data directory). Members are numbered from 1 like their ids.
 * Every process is signalled only through the handle that started it.
 */
public final class Ensemble implements AutoCloseable {
  private static final Duration READY_DEADLINE = Duration.ofSeconds(60);

  private final ServerKind kind;
  private final List<Member> members = new ArrayList<>();
  private final List<LinkProxy> proxies = new ArrayList<>();
  private final Map<String, List<LinkProxy>> proxiesByLink = new LinkedHashMap<>();

  /** One member process; its configuration adds the ensemble to the usual test keys. */
  public static final class Member extends ServerProcess {
    private final ServerKind kind;
    private final int id;
    private final Map<String, String> ensembleConfig = new LinkedHashMap<>();

    Member(ServerKind kind, String name, int id, List<String> jvmArgs) {
      super(name, jvmArgs);
      this.kind = kind;
      this.id = id;
    }

    public int id() {
      return id;
    }

    @Override
    protected String mainClass() {
      return kind == ServerKind.PADDOCK
          ? "io.paddock.server.ServerMain"
          : "org.apache.zookeeper.server.quorum.QuorumPeerMain";
    }

    @Override
    protected String classPath() {
      if (kind == ServerKind.ZOOKEEPER) {
        return System.getProperty("java.class.path");
      }
      Path target =
          Path.of(System.getProperty("paddock.home", ".."))
              .toAbsolutePath()
              .normalize()
              .resolve("provider")
              .resolve("target");
      return target.resolve("paddock-provider.jar")
          + File.pathSeparator
          + target.resolve("lib")
          + File.separator
          + "*";
    }

    @Override
    protected List<String> serverJvmArgs() {
      if (kind == ServerKind.PADDOCK) {
        return List.of();
      }
      return List.of(
          "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
          "-Dzookeeper.admin.enableServer=false",
          "-Dzookeeper.4lw.commands.whitelist=*");
    }

    @Override
    protected Map<String, String> serverConfig() {
      Map<String, String> config = new LinkedHashMap<>();
      if (kind == ServerKind.PADDOCK) {
        config.put("4lw.commands.whitelist", "*");
      }
      config.putAll(ensembleConfig);
      return config;
    }

    /** The role {@code srvr} reports: leader, follower, observer, or "" while not serving. */
    public String mode() {
      try {
        String srvr = fourLetterWord("srvr");
        for (String line : srvr.split("\n", -1)) {
          if (line.startsWith("Mode: ")) {
            return line.substring("Mode: ".length()).trim();
          }
        }
        return "";
      } catch (UncheckedIOException e) {
        return "";
      }
    }
  }

  private Ensemble(ServerKind kind) {
    this.kind = kind;
  }

  /**
   * A new ensemble of {@code participants} voting members followed by {@code observers} observers
   * (not started).
   *
   * @param extra more zoo.cfg keys for every member
   */
  public static Ensemble create(
      ServerKind kind, String name, int participants, int observers, Map<String, String> extra) {
    return create(kind, name, participants, observers, extra, false, ServerKind.TEST_JVM_ARGS);
  }

  /** As {@link #create(ServerKind, String, int, int, Map)} with every member's JVM flags. */
  public static Ensemble create(
      ServerKind kind,
      String name,
      int participants,
      int observers,
      Map<String, String> extra,
      List<String> jvmArgs) {
    return create(kind, name, participants, observers, extra, false, jvmArgs);
  }

  /**
   * As {@link #create(ServerKind, String, int, int, Map)}, with every member reaching every other
   * through a {@link LinkProxy} of its own (each member's file names the proxies as the others'
   * addresses), so that a test can cut links: {@link #isolate(int)} and {@link #heal()}.
   */
  public static Ensemble createProxied(
      ServerKind kind, String name, int participants, Map<String, String> extra) {
    return create(kind, name, participants, 0, extra, true, ServerKind.TEST_JVM_ARGS);
  }

  private static Ensemble create(
      ServerKind kind,
      String name,
      int participants,
      int observers,
      Map<String, String> extra,
      boolean proxied,
      List<String> jvmArgs) {
    Ensemble e = new Ensemble(kind);
    int n = participants + observers;
    List<int[]> ports = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      String label = (kind == ServerKind.PADDOCK ? "paddock-" : "zookeeper-") + name + "-" + i;
      e.members.add(new Member(kind, label, i, jvmArgs));
      ports.add(new int[] {freePort(), freePort()});
    }
    for (Member m : e.members) {
      m.ensembleConfig.put("initLimit", "10");
      m.ensembleConfig.put("syncLimit", "5");
      for (int i = 1; i <= n; i++) {
        int[] p = ports.get(i - 1);
        String type = i > participants ? ":observer" : "";
        int quorum = p[0];
        int election = p[1];
        if (proxied && i != m.id()) {
          LinkProxy q = new LinkProxy(m.id() + ">" + i + "-q", p[0]);
          LinkProxy el = new LinkProxy(m.id() + ">" + i + "-e", p[1]);
          e.proxies.add(q);
          e.proxies.add(el);
          e.proxiesByLink.put(m.id() + ">" + i, List.of(q, el));
          quorum = q.port();
          election = el.port();
        }
        m.ensembleConfig.put("server." + i, "127.0.0.1:" + quorum + ":" + election + type);
      }
      if (m.id() > participants) {
        m.ensembleConfig.put("peerType", "observer");
      }
      m.ensembleConfig.putAll(extra);
      try {
        Files.writeString(
            m.dataDir().resolve("myid"), Integer.toString(m.id()), StandardCharsets.UTF_8);
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
    }
    return e;
  }

  /** Starts every member at once (none can serve alone) and waits until each serves. */
  public Ensemble start() {
    for (Member m : members) {
      m.launch();
    }
    for (Member m : members) {
      m.awaitReady();
    }
    return this;
  }

  public ServerKind kind() {
    return kind;
  }

  public List<Member> members() {
    return List.copyOf(members);
  }

  /** Member {@code id} (1-based). */
  public Member member(int id) {
    return members.get(id - 1);
  }

  /** Every member's client address, for a client that fails over between them. */
  public String connectString() {
    return members.stream().map(ServerProcess::connectString).collect(Collectors.joining(","));
  }

  /** The client addresses of the given members only. */
  public String connectString(List<Member> of) {
    return of.stream().map(ServerProcess::connectString).collect(Collectors.joining(","));
  }

  /** The member that reports {@code Mode: leader}, waiting up to the deadline for one. */
  public Member awaitLeader() {
    Instant deadline = Instant.now().plus(READY_DEADLINE);
    while (Instant.now().isBefore(deadline)) {
      for (Member m : members) {
        if (m.isAlive() && "leader".equals(m.mode())) {
          return m;
        }
      }
      ServerProcess.pause(Duration.ofMillis(20));
    }
    throw new IllegalStateException("no leader within " + READY_DEADLINE + ": " + describe());
  }

  /** Cuts every link to and from member {@code id} (a proxied ensemble only). */
  public void isolate(int id) {
    proxiesByLink.forEach(
        (link, ps) -> {
          String[] ends = link.split(">", -1);
          if (ends[0].equals(Integer.toString(id)) || ends[1].equals(Integer.toString(id))) {
            ps.forEach(LinkProxy::cut);
          }
        });
  }

  /** Restores every link. */
  public void heal() {
    proxies.forEach(LinkProxy::restore);
  }

  /** Each member's mode and log, for failure messages. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    for (Member m : members) {
      sb.append("\n== member ").append(m.id()).append(m.isAlive() ? " (alive) " : " (dead) ");
      sb.append(m.isAlive() ? m.mode() : "").append('\n').append(m.describeLog());
    }
    return sb.toString();
  }

  @Override
  public void close() {
    for (Member m : members) {
      m.close();
    }
    proxies.forEach(LinkProxy::close);
  }

  private static int freePort() {
    return FreePorts.next();
  }
}
