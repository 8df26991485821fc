package io.paddock.osgi;

import io.paddock.config.FourLetterWords;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The metatype of PID {@code io.paddock.server}, for consoles: one attribute per key of {@link
 * io.paddock.config.ConfigKeys}, same name, type and default (a test holds the two together).
 * Method names map to keys by the DS rules: {@code _} is {@code .}, a leading {@code $} is dropped.
 * The component itself reads the raw properties through the key registry, so keys added to the
 * registry work before they are described here, and so does {@code server.N}, whose names vary and
 * so cannot be attributes (the description says how to add them).
 */
@ObjectClassDefinition(
    id = ServerComponent.PID,
    name = "Paddock server",
    description =
        "An embedded Paddock (ZooKeeper-compatible) server. Properties are zoo.cfg keys; unknown"
            + " keys are logged and ignored. An ensemble member also has one property server.N"
            + " per member (N = its id; value host:quorumPort:electionPort[:observer]"
            + "[;[clientHost:]clientPort], the same on every member), not listed below because"
            + " the names vary, and says which one it is with myid (or a myid file in dataDir).")
@interface ServerConfiguration {

  @AttributeDefinition(
      name = "tickTime",
      description = "The basic time unit in ms: sessions are checked once per tick.",
      min = "1")
  int tickTime() default 2000;

  @AttributeDefinition(
      name = "dataDir",
      description =
          "Where snapshots (and the log, unless dataLogDir is set) are stored. Default: a"
              + " directory in the Paddock bundle's data area.",
      required = false)
  String dataDir();

  @AttributeDefinition(
      name = "dataLogDir",
      description = "Where the transaction log is written. Default: dataDir.",
      required = false)
  String dataLogDir();

  @AttributeDefinition(
      name = "clientPort",
      description = "The port clients connect to; 0 picks a free port.",
      min = "0",
      max = "65535")
  int clientPort() default 2181;

  @AttributeDefinition(
      name = "clientPortAddress",
      description = "The address clients connect to. Default loopback.")
  String clientPortAddress() default "127.0.0.1";

  @AttributeDefinition(
      name = "maxClientCnxns",
      description = "Concurrent connections allowed from one IP address; 0 means no limit.",
      min = "0")
  int maxClientCnxns() default 60;

  @AttributeDefinition(
      name = "minSessionTimeout",
      description = "The shortest session timeout granted, in ms; -1 means 2 x tickTime.")
  int minSessionTimeout() default -1;

  @AttributeDefinition(
      name = "maxSessionTimeout",
      description = "The longest session timeout granted, in ms; -1 means 20 x tickTime.")
  int maxSessionTimeout() default -1;

  @AttributeDefinition(
      name = "jute.maxbuffer",
      description = "The largest request or reply frame in bytes; also bounds znode data.",
      min = "1")
  int jute_maxbuffer() default 0xfffff;

  @AttributeDefinition(
      name = "4lw.commands.whitelist",
      description = "Comma-separated four-letter words the server answers, or * for all.")
  String $4lw_commands_whitelist() default FourLetterWords.DEFAULT_TEXT;

  @AttributeDefinition(
      name = "superDigest",
      description = "Optional super user, as user:base64(SHA-1(user:password)).",
      type = AttributeType.PASSWORD,
      required = false)
  String superDigest();

  @AttributeDefinition(
      name = "serverId",
      description = "This server's id; the top byte of the session ids it creates.",
      min = "0",
      max = "254")
  int serverId() default 1;

  @AttributeDefinition(
      name = "globalOutstandingLimit",
      description = "Requests in flight across all clients before the server stops reading.",
      min = "1")
  int globalOutstandingLimit() default 1000;

  @AttributeDefinition(
      name = "znode.container.checkIntervalMs",
      description = "How often empty containers and expired TTL nodes are looked for, in ms.",
      min = "1")
  long znode_container_checkIntervalMs() default 60_000L;

  @AttributeDefinition(
      name = "znode.container.maxNeverUsedIntervalMs",
      description = "A container that never had a child is deleted after this long; 0 = never.",
      min = "0")
  long znode_container_maxNeverUsedIntervalMs() default 0L;

  @AttributeDefinition(
      name = "maxWatchesPerSession",
      description = "Watch registrations one session may hold.",
      min = "1")
  int maxWatchesPerSession() default 1_000_000;

  @AttributeDefinition(
      name = "enforceQuota",
      description = "Whether hard quotas refuse writes with QuotaExceeded (soft quotas only log).")
  boolean enforceQuota() default false;

  @AttributeDefinition(
      name = "snapCount",
      description =
          "Transactions between background snapshots; the log also starts a new segment then.")
  int snapCount() default 100_000;

  @AttributeDefinition(
      name = "autopurge.snapRetainCount",
      description = "How many of the newest snapshots the purge keeps (at least 3).")
  int autopurge_snapRetainCount() default 3;

  @AttributeDefinition(
      name = "autopurge.purgeInterval",
      description = "Hours between purges of old snapshots and log segments; 0 turns purging off.")
  int autopurge_purgeInterval() default 0;

  @AttributeDefinition(
      name = "forceSync",
      description = "Whether a write is acknowledged only after the log is synced to the device.")
  boolean forceSync() default true;

  @AttributeDefinition(
      name = "snapshot.onShutdown",
      description =
          "Whether a graceful stop first snapshots what was logged after the newest snapshot, so"
              + " the next start loads it instead of replaying the log.")
  boolean snapshot_onShutdown() default true;

  @AttributeDefinition(
      name = "preAllocSize",
      description = "Log file space reserved ahead of the writes, in KB; 0 turns it off.")
  long preAllocSize() default 65_536L;

  @AttributeDefinition(
      name = "admin.enableServer",
      description = "Whether the HTTP admin server (JSON commands, Prometheus metrics) runs.")
  boolean admin_enableServer() default false;

  @AttributeDefinition(
      name = "admin.serverAddress",
      description = "The address the admin server binds (loopback unless you say otherwise).")
  String admin_serverAddress() default "127.0.0.1";

  @AttributeDefinition(
      name = "admin.serverPort",
      description = "The admin server's port; 0 picks a free one.",
      min = "0",
      max = "65535")
  int admin_serverPort() default 8080;

  @AttributeDefinition(
      name = "admin.commandURL",
      description = "The URL path under which the admin commands are served.")
  String admin_commandURL() default "/commands";

  @AttributeDefinition(
      name = "initLimit",
      description =
          "Ticks (tickTime units) a follower may take to connect to a new leader and catch up.",
      min = "1")
  int initLimit() default 10;

  @AttributeDefinition(
      name = "syncLimit",
      description = "Ticks (tickTime units) a follower may fall behind before it is dropped.",
      min = "1")
  int syncLimit() default 5;

  @AttributeDefinition(
      name = "leaderServes",
      description = "Whether the leader accepts client connections too.")
  boolean leaderServes() default true;

  @AttributeDefinition(
      name = "peerType",
      description = "participant or observer; must agree with this server's server.N line.",
      options = {
        @Option(label = "participant", value = "participant"),
        @Option(label = "observer", value = "observer")
      },
      required = false)
  String peerType();

  @AttributeDefinition(
      name = "myid",
      description =
          "This server's id among the server.N properties (instead of the myid file in dataDir).",
      min = "1",
      required = false)
  long myid();

  @AttributeDefinition(
      name = "quorum.tickMs",
      description =
          "The replication core's tick in ms (heartbeats, election re-sends); at most tickTime.",
      min = "1")
  int quorum_tickMs() default 50;
}
