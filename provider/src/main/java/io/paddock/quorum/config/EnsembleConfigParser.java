package io.paddock.quorum.config;

import io.paddock.quorum.core.Membership;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Parses the ensemble keys of a zoo.cfg: {@code server.N}, {@code initLimit}, {@code syncLimit},
 * {@code peerType} and {@code myid} (given as a key, or as the content of the {@code myid} file).
 * Other keys are ignored. Every error is reported, each naming the key and value at fault.
 */
public final class EnsembleConfigParser {
  /** ZooKeeper's sample configuration values, used when a standalone server sets none. */
  public static final int INIT_LIMIT_DEFAULT = 10;

  public static final int SYNC_LIMIT_DEFAULT = 5;

  /** A limit this long in ticks is a typo, not a setting. */
  public static final int LIMIT_TICKS_MAX = 1_000_000;

  /** No address line is this long. */
  public static final int VALUE_CHARS_MAX = 1_024;

  private static final String SERVER_PREFIX = "server.";

  /**
   * The result of parsing.
   *
   * @param config the configuration
   * @param warnings things that work but are probably not what was meant
   */
  public record Parsed(EnsembleConfig config, List<String> warnings) {
    public Parsed {
      warnings = List.copyOf(warnings);
    }
  }

  private final List<String> errors = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  private EnsembleConfigParser() {}

  /** Parses {@code properties}; {@code myid} comes from the key of that name. */
  public static Parsed parse(Map<String, String> properties) throws EnsembleConfigException {
    return parse(properties, null);
  }

  /**
   * Parses {@code properties}, with {@code myidFile} the content of the {@code myid} file (null if
   * there is none). When both the file and a {@code myid} key are present they must agree.
   */
  public static Parsed parse(Map<String, String> properties, String myidFile)
      throws EnsembleConfigException {
    EnsembleConfigParser p = new EnsembleConfigParser();
    EnsembleConfig config = p.run(new TreeMap<>(properties), myidFile);
    if (!p.errors.isEmpty()) {
      throw new EnsembleConfigException(p.errors);
    }
    return new Parsed(config, p.warnings);
  }

  private EnsembleConfig run(Map<String, String> props, String myidFile) {
    List<ServerSpec> servers = servers(props);
    boolean standalone = props.keySet().stream().noneMatch(k -> k.startsWith(SERVER_PREFIX));
    int initLimit = limit(props, "initLimit", standalone ? INIT_LIMIT_DEFAULT : -1);
    int syncLimit = limit(props, "syncLimit", standalone ? SYNC_LIMIT_DEFAULT : -1);
    long myId = myId(props.get("myid"), myidFile, servers, standalone);
    PeerType peerType = peerType(props.get("peerType"));
    if (!standalone) {
      checkEnsemble(servers, myId, peerType);
    }
    return new EnsembleConfig(myId, servers, initLimit, syncLimit);
  }

  // ---- server.N ---------------------------------------------------------------------------------

  private List<ServerSpec> servers(Map<String, String> props) {
    Map<Long, ServerSpec> byId = new TreeMap<>();
    Map<Long, String> keyOfId = new HashMap<>();
    for (Map.Entry<String, String> e : props.entrySet()) {
      String key = e.getKey();
      if (!key.startsWith(SERVER_PREFIX)) {
        continue;
      }
      String where = key + "=" + e.getValue();
      long id = parseId(key.substring(SERVER_PREFIX.length()));
      if (id < 0) {
        errors.add(
            where + ": the server id must be a number from 1 to " + Membership.SERVER_ID_MAX);
        continue;
      }
      ServerSpec spec = parseServer(id, e.getValue().trim(), where);
      if (spec == null) {
        continue;
      }
      String previous = keyOfId.putIfAbsent(id, key);
      if (previous != null) {
        errors.add(where + ": duplicate server id " + id + " (also " + previous + ")");
        continue;
      }
      byId.put(id, spec);
    }
    if (byId.size() > Membership.MEMBERS_MAX) {
      errors.add(
          byId.size()
              + " servers configured; at most "
              + Membership.MEMBERS_MAX
              + " are supported");
    }
    return new ArrayList<>(byId.values());
  }

  private static long parseId(String text) {
    if (text.isEmpty() || text.length() > 12 || !text.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    long id = Long.parseLong(text);
    return id >= 1 && id <= Membership.SERVER_ID_MAX ? id : -1;
  }

  private ServerSpec parseServer(long id, String value, String where) {
    if (value.length() > VALUE_CHARS_MAX) {
      errors.add(where.substring(0, 40) + "...: longer than " + VALUE_CHARS_MAX + " characters");
      return null;
    }
    int semicolon = value.indexOf(';');
    String address = semicolon < 0 ? value : value.substring(0, semicolon);
    String client = semicolon < 0 ? null : value.substring(semicolon + 1).trim();
    List<String> parts = splitHostPorts(address.trim());
    if (parts == null || parts.size() < 3 || parts.size() > 4) {
      errors.add(
          where
              + ": expected host:quorumPort:electionPort[:participant|:observer][;[clientHost:]clientPort]"
              + " (write IPv6 addresses in brackets)");
      return null;
    }
    String host = parts.get(0);
    int quorumPort = port(parts.get(1), where, "quorum port");
    int electionPort = port(parts.get(2), where, "election port");
    PeerType type = PeerType.PARTICIPANT;
    if (parts.size() == 4) {
      type = role(parts.get(3));
      if (type == null) {
        errors.add(where + ": role must be participant or observer, not '" + parts.get(3) + "'");
        return null;
      }
    }
    if (host.isEmpty()) {
      errors.add(where + ": missing host");
      return null;
    }
    if (quorumPort > 0 && quorumPort == electionPort) {
      errors.add(where + ": quorum and election ports must differ");
    }
    String clientHost = null;
    int clientPort = -1;
    if (client != null) {
      List<String> c = splitHostPorts(client);
      if (c == null || c.isEmpty() || c.size() > 2) {
        errors.add(where + ": the client part must be clientPort or clientHost:clientPort");
        return null;
      }
      clientPort = port(c.get(c.size() - 1), where, "client port");
      clientHost = c.size() == 2 ? c.get(0) : null;
    }
    if (quorumPort < 0 || electionPort < 0 || (client != null && clientPort < 0)) {
      return null;
    }
    return new ServerSpec(id, host, quorumPort, electionPort, type, clientHost, clientPort);
  }

  /** Splits {@code host:a:b...}, where host may be {@code [ipv6]}; null if brackets are broken. */
  private static List<String> splitHostPorts(String text) {
    List<String> out = new ArrayList<>();
    String rest = text;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0 || (close + 1 < text.length() && text.charAt(close + 1) != ':')) {
        return null;
      }
      out.add(text.substring(1, close));
      if (close + 1 >= text.length()) {
        return out;
      }
      rest = text.substring(close + 2);
    } else if (text.indexOf(':') < 0) {
      out.add(text);
      return out;
    } else {
      int colon = text.indexOf(':');
      out.add(text.substring(0, colon));
      rest = text.substring(colon + 1);
    }
    for (String s : rest.split(":", -1)) {
      out.add(s.trim());
    }
    return out;
  }

  private int port(String text, String where, String what) {
    try {
      int port = Integer.parseInt(text.trim());
      if (port >= 1 && port <= 65_535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.add(where + ": " + what + " must be a number from 1 to 65535, not '" + text + "'");
    return -1;
  }

  private static PeerType role(String text) {
    for (PeerType t : PeerType.values()) {
      if (t.configName().equals(text.trim().toLowerCase(Locale.ROOT))) {
        return t;
      }
    }
    return null;
  }

  // ---- the other keys
  // --------------------------------------------------------------------------------

  private int limit(Map<String, String> props, String key, int fallback) {
    String value = props.get(key);
    if (value == null) {
      if (fallback < 0) {
        errors.add(
            key
                + " is not set; an ensemble needs it (in ticks, e.g. "
                + key
                + "="
                + (key.equals("initLimit") ? INIT_LIMIT_DEFAULT : SYNC_LIMIT_DEFAULT)
                + ")");
      }
      return fallback;
    }
    try {
      int ticks = Integer.parseInt(value.trim());
      if (ticks >= 1 && ticks <= LIMIT_TICKS_MAX) {
        return ticks;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.add(key + "=" + value + ": must be a number of ticks from 1 to " + LIMIT_TICKS_MAX);
    return fallback;
  }

  private long myId(String key, String file, List<ServerSpec> servers, boolean standalone) {
    long fromKey = key == null ? 0 : parseMyId(key, "myid=" + key);
    long fromFile = file == null ? 0 : parseMyId(file, "myid file '" + file.trim() + "'");
    if (fromKey > 0 && fromFile > 0 && fromKey != fromFile) {
      errors.add("myid=" + key + " disagrees with the myid file, which says " + file.trim());
    }
    long myId = fromKey > 0 ? fromKey : fromFile;
    if (standalone) {
      return Math.max(myId, 0);
    }
    if (key == null && file == null) {
      errors.add(
          "myid is missing: with server.N lines each server needs its own id, in the myid file of"
              + " its dataDir (or a myid key)");
    } else if (myId > 0 && !servers.isEmpty() && servers.stream().noneMatch(s -> s.id() == myId)) {
      List<Long> ids = servers.stream().map(ServerSpec::id).toList();
      errors.add("myid " + myId + " is not among the configured servers " + ids);
    }
    return myId;
  }

  private long parseMyId(String text, String where) {
    long id = parseId(text.trim());
    if (id < 0) {
      errors.add(where + ": must be a number from 1 to " + Membership.SERVER_ID_MAX);
      return 0;
    }
    return id;
  }

  private PeerType peerType(String value) {
    if (value == null) {
      return null;
    }
    PeerType t = role(value);
    if (t == null) {
      errors.add("peerType=" + value + ": must be participant or observer");
    }
    return t;
  }

  private void checkEnsemble(List<ServerSpec> servers, long myId, PeerType peerType) {
    int participants = 0;
    Map<String, Long> endpoints = new HashMap<>();
    for (ServerSpec s : servers) {
      if (s.type() == PeerType.PARTICIPANT) {
        participants++;
      }
      endpoint(endpoints, s.host() + ":" + s.quorumPort(), s.id());
      endpoint(endpoints, s.host() + ":" + s.electionPort(), s.id());
      if (s.id() == myId && peerType != null && peerType != s.type()) {
        // ZooKeeper warns and follows the server list; refusing is safer: a server meant to be an
        // observer that votes changes the quorum size behind the operator's back.
        errors.add(
            "peerType="
                + peerType.configName()
                + ": disagrees with server."
                + myId
                + ", which says "
                + s.type().configName());
      }
    }
    if (participants == 0) {
      errors.add("no participants: an ensemble of observers cannot elect a leader");
    } else if (participants % 2 == 0) {
      warnings.add(
          participants
              + " participants tolerate no more failures than "
              + (participants - 1)
              + " would ("
              + (participants / 2 - 1)
              + "); an odd number is better");
    }
  }

  private void endpoint(Map<String, Long> endpoints, String endpoint, long id) {
    Long other = endpoints.putIfAbsent(endpoint, id);
    if (other != null && other != id) {
      errors.add("servers " + other + " and " + id + " both use " + endpoint);
    }
  }
}
