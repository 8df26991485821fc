package io.paddock.config;

import io.paddock.quorum.config.EnsembleConfigParser;
import io.paddock.quorum.config.PeerType;
import io.paddock.quorum.core.Membership;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Every server configuration key, declared once: name, type, default, unit, doc and validity.
 *
 * <p>To add a key: declare a constant here, add it to {@link #ALL}, and (optionally) a typed getter
 * to {@link ServerConfig}. Loading, the builder, validation and {@link ServerConfig#describe()}
 * pick it up from {@link #ALL}. The one key whose name varies, {@code server.N}, is declared as
 * {@link #SERVER} and listed in {@link #DYNAMIC} instead: {@link #byName} does not find it, {@link
 * #isServerKey} recognises it.
 */
public final class ConfigKeys {

  private ConfigKeys() {}

  // Declared before the keys: a key checks its default while this class initialises.
  private static final Pattern HOST_NAME =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,62})?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,62})?)*");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9._-]+)?");
  private static final int HOST_NAME_CHARS_MAX = 253;
  private static final Pattern URL_PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");
  private static final int URL_PATH_CHARS_MAX = 200;

  /** Time values are ints in ms; one hour keeps 20 × tickTime inside an int. */
  private static final int TICK_TIME_MS_MAX = 3_600_000;

  public static final ConfigKey<Integer> TICK_TIME =
      ConfigKey.ofInt(
          "tickTime",
          2000,
          1,
          TICK_TIME_MS_MAX,
          "ms",
          "The basic time unit: session expiry is checked once per tick, and the default session"
              + " timeout bounds are 2 and 20 ticks.");

  public static final ConfigKey<Path> DATA_DIR =
      ConfigKey.ofPath(
          "dataDir",
          "Where snapshots are stored (and the transaction log, unless dataLogDir is set)."
              + " Required.");

  public static final ConfigKey<Path> DATA_LOG_DIR =
      ConfigKey.ofPath(
          "dataLogDir",
          "Where the transaction log is written; default: dataDir. A separate device avoids"
              + " snapshots competing with log fsyncs.");

  public static final ConfigKey<Integer> CLIENT_PORT =
      ConfigKey.ofInt(
          "clientPort",
          2181,
          0,
          65535,
          "port",
          "The port clients connect to. 0 picks a free port (for embedding and tests).");

  public static final ConfigKey<String> CLIENT_PORT_ADDRESS =
      ConfigKey.ofString(
          "clientPortAddress",
          "127.0.0.1",
          "The address clients connect to. Default loopback, unlike ZooKeeper's all-interfaces:"
              + " exposing a server to the network is an explicit decision.",
          ConfigKeys::hostProblem);

  public static final ConfigKey<Boolean> ADMIN_ENABLE_SERVER =
      ConfigKey.ofBoolean(
          "admin.enableServer",
          false,
          "Whether to run the HTTP admin server (commands as JSON, Prometheus metrics). Default"
              + " false, unlike ZooKeeper's true: an embedded server opens no second port unless"
              + " asked, and many servers in one JVM or on one machine cannot all own port 8080."
              + " The shipped conf/zoo.cfg turns it on.");

  public static final ConfigKey<String> ADMIN_SERVER_ADDRESS =
      ConfigKey.ofString(
          "admin.serverAddress",
          "127.0.0.1",
          "The address the admin server binds. Default loopback, unlike ZooKeeper's"
              + " all-interfaces: the admin server can reset counters and list clients.",
          ConfigKeys::hostProblem);

  public static final ConfigKey<Integer> ADMIN_SERVER_PORT =
      ConfigKey.ofInt(
          "admin.serverPort",
          8080,
          0,
          65535,
          "port",
          "The admin server's port. 0 picks a free port (for embedding and tests).");

  public static final ConfigKey<String> ADMIN_COMMAND_URL =
      ConfigKey.ofString(
          "admin.commandURL",
          "/commands",
          "The URL path under which the admin server lists and runs commands, e.g."
              + " /commands/monitor. Metrics are always at /metrics.",
          ConfigKeys::urlPathProblem);

  public static final ConfigKey<Integer> MAX_CLIENT_CNXNS =
      ConfigKey.ofInt(
          "maxClientCnxns",
          60,
          0,
          1_000_000,
          "connections",
          "Concurrent connections allowed from one IP address; 0 means no per-IP limit.");

  public static final ConfigKey<Integer> MIN_SESSION_TIMEOUT =
      ConfigKey.of(
          "minSessionTimeout",
          Integer.class,
          -1,
          "ms",
          "The shortest session timeout granted; -1 means 2 × tickTime.",
          ConfigKeys::parseInt,
          ConfigKeys::timeoutProblem);

  public static final ConfigKey<Integer> MAX_SESSION_TIMEOUT =
      ConfigKey.of(
          "maxSessionTimeout",
          Integer.class,
          -1,
          "ms",
          "The longest session timeout granted; -1 means 20 × tickTime.",
          ConfigKeys::parseInt,
          ConfigKeys::timeoutProblem);

  public static final ConfigKey<Integer> JUTE_MAX_BUFFER =
      ConfigKey.ofInt(
          "jute.maxbuffer",
          0xfffff,
          1,
          Integer.MAX_VALUE,
          "bytes",
          "The largest request or reply frame accepted, as ZooKeeper's jute.maxbuffer; also"
              + " bounds znode data size.");

  public static final ConfigKey<FourLetterWords> FOUR_LETTER_WORDS =
      ConfigKey.of(
          "4lw.commands.whitelist",
          FourLetterWords.class,
          FourLetterWords.DEFAULT,
          "",
          "Comma-separated four-letter-word commands the server answers, or * for all. Default "
              + FourLetterWords.DEFAULT_TEXT
              + " (see FourLetterWords for why).",
          FourLetterWords::parse,
          v -> null);

  public static final ConfigKey<String> SUPER_DIGEST =
      ConfigKey.ofString(
          "superDigest",
          null,
          "Optional super user, as user:base64(SHA-1(user:password)); it passes every ACL check.",
          ConfigKeys::digestProblem);

  public static final ConfigKey<Integer> SERVER_ID =
      ConfigKey.ofInt(
          "serverId",
          1,
          0,
          254,
          "",
          "This server's id; it also forms the top byte of the session ids it creates.");

  public static final ConfigKey<Integer> GLOBAL_OUTSTANDING_LIMIT =
      ConfigKey.ofInt(
          "globalOutstandingLimit",
          1000,
          1,
          1_000_000,
          "requests",
          "Requests in flight across all clients before the server stops reading new ones.");

  public static final ConfigKey<Long> CONTAINER_CHECK_INTERVAL =
      ConfigKey.ofLong(
          "znode.container.checkIntervalMs",
          60_000L,
          1,
          Long.MAX_VALUE,
          "ms",
          "How often empty container and expired TTL nodes are looked for. Small values are fine"
              + " for tests.");

  public static final ConfigKey<Long> CONTAINER_MAX_NEVER_USED_INTERVAL =
      ConfigKey.ofLong(
          "znode.container.maxNeverUsedIntervalMs",
          0L,
          0,
          Long.MAX_VALUE,
          "ms",
          "A container that never had a child is deleted after this long; 0 means never.");

  public static final ConfigKey<Integer> MAX_WATCHES_PER_SESSION =
      ConfigKey.ofInt(
          "maxWatchesPerSession",
          1_000_000,
          1,
          Integer.MAX_VALUE,
          "watches",
          "Watch registrations one session may hold; beyond it a watching read fails. ZooKeeper"
              + " has no limit; a million is far above what real clients use.");

  public static final ConfigKey<Boolean> ENFORCE_QUOTA =
      ConfigKey.ofBoolean(
          "enforceQuota",
          false,
          "Whether hard quotas (setquota -N/-B) refuse writes with QuotaExceeded. Soft quotas are"
              + " only logged. ZooKeeper's zookeeper.enforceQuota, off by default there too.");

  public static final ConfigKey<Integer> SNAP_COUNT =
      ConfigKey.ofInt(
          "snapCount",
          100_000,
          1,
          Integer.MAX_VALUE,
          "transactions",
          "A snapshot is taken in the background after this many transactions, and the log"
              + " starts a new segment. Recovery replays at most about this many transactions.");

  /**
   * ZooKeeper's minimum too: with one snapshot kept, a damaged one leaves nothing to fall back on.
   */
  private static final int SNAP_RETAIN_COUNT_MIN = 3;

  public static final ConfigKey<Integer> AUTOPURGE_SNAP_RETAIN_COUNT =
      ConfigKey.ofInt(
          "autopurge.snapRetainCount",
          3,
          SNAP_RETAIN_COUNT_MIN,
          1_000_000,
          "snapshots",
          "How many of the newest snapshots the purge keeps, with the log segments they need.");

  public static final ConfigKey<Integer> AUTOPURGE_PURGE_INTERVAL =
      ConfigKey.ofInt(
          "autopurge.purgeInterval",
          0,
          0,
          24 * 366,
          "hours",
          "How often old snapshots and log segments are purged; 0 turns purging off (files then"
              + " accumulate, as in ZooKeeper).");

  public static final ConfigKey<Boolean> FORCE_SYNC =
      ConfigKey.of(
          "forceSync",
          Boolean.class,
          true,
          "",
          "yes: a write is acknowledged only after the log is synced to the device. no: after the"
              + " write reaches the operating system only, so a power failure can lose"
              + " acknowledged writes (for tests and throw-away servers).",
          ConfigKeys::parseYesNo,
          v -> null);

  public static final ConfigKey<Boolean> SNAPSHOT_ON_SHUTDOWN =
      ConfigKey.of(
          "snapshot.onShutdown",
          Boolean.class,
          true,
          "",
          "yes: a graceful stop writes a snapshot first when transactions were logged after the"
              + " newest one, so the next start loads it instead of replaying the log (the stop"
              + " takes longer by one snapshot write). no: stop at once; the next start replays.",
          ConfigKeys::parseYesNo,
          v -> null);

  /** 1 GB, in KB. */
  private static final long PRE_ALLOC_KB_MAX = 1L << 20;

  public static final ConfigKey<Long> PRE_ALLOC_SIZE =
      ConfigKey.ofLong(
          "preAllocSize",
          65_536L,
          0,
          PRE_ALLOC_KB_MAX,
          "KB",
          "Log file space reserved ahead of the writes, in this step, so that a sync need not"
              + " update the file length each time; 0 turns it off.");

  public static final ConfigKey<Integer> INIT_LIMIT =
      ConfigKey.ofInt(
          "initLimit",
          EnsembleConfigParser.INIT_LIMIT_DEFAULT,
          1,
          EnsembleConfigParser.LIMIT_TICKS_MAX,
          "ticks",
          "How long a follower may take to connect to a new leader and catch up, in tickTime"
              + " units as in ZooKeeper. The replication core runs on quorum.tickMs and converts"
              + " (initLimit × tickTime / quorum.tickMs, rounded up). Used with server.N lines.");

  public static final ConfigKey<Integer> SYNC_LIMIT =
      ConfigKey.ofInt(
          "syncLimit",
          EnsembleConfigParser.SYNC_LIMIT_DEFAULT,
          1,
          EnsembleConfigParser.LIMIT_TICKS_MAX,
          "ticks",
          "How far a follower may fall behind the leader (no ack or ping answer) before it is"
              + " dropped, in tickTime units as in ZooKeeper; converted to quorum ticks like"
              + " initLimit. Used with server.N lines.");

  public static final ConfigKey<Boolean> LEADER_SERVES =
      ConfigKey.of(
          "leaderServes",
          Boolean.class,
          true,
          "",
          "yes: the leader accepts client connections too. no: it only coordinates, which helps"
              + " write throughput in large ensembles (clients connect to the others).",
          ConfigKeys::parseYesNo,
          v -> null);

  public static final ConfigKey<PeerType> PEER_TYPE =
      ConfigKey.of(
          "peerType",
          PeerType.class,
          null,
          "",
          "participant or observer. Optional: this server's role comes from its server.N line;"
              + " when set it must agree with that line.",
          ConfigKeys::parsePeerType,
          v -> null);

  public static final ConfigKey<String> SERVER =
      ConfigKey.ofString(
          "server.N",
          null,
          "One line per ensemble member N (1.."
              + Membership.SERVER_ID_MAX
              + "): host:quorumPort:electionPort[:participant|:observer][;[clientHost:]clientPort]."
              + " Without any server.N line the server runs standalone (an ensemble of one).",
          v -> v.length() > EnsembleConfigParser.VALUE_CHARS_MAX ? "too long" : null);

  public static final ConfigKey<Long> MY_ID =
      ConfigKey.ofLong(
          "myid",
          null,
          1,
          Membership.SERVER_ID_MAX,
          "",
          "This server's id among the server.N lines. As in ZooKeeper it is normally the content"
              + " of the file myid in dataDir; this key is a Paddock extension for embedding and"
              + " tests. If both are present they must agree.");

  /** A quorum tick shorter than this only burns CPU on heartbeats. */
  private static final int QUORUM_TICK_MS_DEFAULT = 50;

  public static final ConfigKey<Integer> QUORUM_TICK_MS =
      ConfigKey.ofInt(
          "quorum.tickMs",
          QUORUM_TICK_MS_DEFAULT,
          1,
          TICK_TIME_MS_MAX,
          "ms",
          "Paddock extension: the replication core's internal tick, which paces heartbeats and"
              + " election re-sends, so that failover takes well under a second even with"
              + " tickTime=2000. Must be at most tickTime; it need not divide it. Unset, it is 50 or"
              + " tickTime, whichever is smaller.");

  /** Every key, in the order {@link ServerConfig#describe()} lists them. */
  public static final List<ConfigKey<?>> ALL =
      List.of(
          TICK_TIME,
          DATA_DIR,
          DATA_LOG_DIR,
          CLIENT_PORT,
          CLIENT_PORT_ADDRESS,
          ADMIN_ENABLE_SERVER,
          ADMIN_SERVER_ADDRESS,
          ADMIN_SERVER_PORT,
          ADMIN_COMMAND_URL,
          MAX_CLIENT_CNXNS,
          MIN_SESSION_TIMEOUT,
          MAX_SESSION_TIMEOUT,
          JUTE_MAX_BUFFER,
          FOUR_LETTER_WORDS,
          SUPER_DIGEST,
          SERVER_ID,
          GLOBAL_OUTSTANDING_LIMIT,
          CONTAINER_CHECK_INTERVAL,
          CONTAINER_MAX_NEVER_USED_INTERVAL,
          MAX_WATCHES_PER_SESSION,
          ENFORCE_QUOTA,
          SNAP_COUNT,
          AUTOPURGE_SNAP_RETAIN_COUNT,
          AUTOPURGE_PURGE_INTERVAL,
          FORCE_SYNC,
          SNAPSHOT_ON_SHUTDOWN,
          PRE_ALLOC_SIZE,
          INIT_LIMIT,
          SYNC_LIMIT,
          LEADER_SERVES,
          PEER_TYPE,
          MY_ID,
          QUORUM_TICK_MS);

  /** Keys whose name varies: {@link #SERVER} ({@code server.1}, {@code server.2}, ...). */
  public static final List<ConfigKey<?>> DYNAMIC = List.of(SERVER);

  private static final String SERVER_PREFIX = "server.";

  private static final Map<String, ConfigKey<?>> BY_NAME =
      ALL.stream().collect(Collectors.toUnmodifiableMap(ConfigKey::name, Function.identity()));

  /** The key named {@code name} (case-sensitive, as in ZooKeeper). */
  public static Optional<ConfigKey<?>> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /**
   * Whether {@code name} is a {@code server.N} key. Any suffix counts, so that {@code server.x} is
   * reported as a bad server id rather than as an unknown key.
   */
  public static boolean isServerKey(String name) {
    return name.startsWith(SERVER_PREFIX);
  }

  private static PeerType parsePeerType(String raw) {
    for (PeerType t : PeerType.values()) {
      if (t.configName().equals(raw.trim().toLowerCase(Locale.ROOT))) {
        return t;
      }
    }
    throw new IllegalArgumentException("must be participant or observer");
  }

  /** Syntax only: resolving a name is I/O, left to the server when it binds. */
  private static String hostProblem(String host) {
    boolean ok =
        host.length() <= HOST_NAME_CHARS_MAX
            && (HOST_NAME.matcher(host).matches()
                || (host.contains(":") && IPV6.matcher(host).matches()));
    return ok ? null : "not an IP address or host name";
  }

  private static Integer parseInt(String raw) {
    try {
      return Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not an integer", e);
    }
  }

  /** ZooKeeper writes yes/no; true/false is accepted too. */
  private static Boolean parseYesNo(String raw) {
    return switch (raw.trim().toLowerCase(Locale.ROOT)) {
      case "yes", "true" -> true;
      case "no", "false" -> false;
      default -> throw new IllegalArgumentException("must be yes or no");
    };
  }

  private static String timeoutProblem(Integer ms) {
    return ms == -1 || ms > 0 ? null : "must be -1 (derive from tickTime) or > 0";
  }

  private static final int SHA1_BYTES = 20;

  private static String digestProblem(String digest) {
    int colon = digest.indexOf(':');
    String reason = "must be user:base64(SHA-1(user:password))";
    if (colon <= 0) {
      return reason;
    }
    try {
      byte[] hash = Base64.getDecoder().decode(digest.substring(colon + 1));
      return hash.length == SHA1_BYTES ? null : reason;
    } catch (IllegalArgumentException e) {
      return reason;
    }
  }

  private static String urlPathProblem(String path) {
    if (path.length() > URL_PATH_CHARS_MAX || !URL_PATH.matcher(path).matches()) {
      return "must be a URL path such as /commands: segments of letters, digits and ._~-";
    }
    return path.equals("/metrics") ? "/metrics is where the admin server serves metrics" : null;
  }
}
