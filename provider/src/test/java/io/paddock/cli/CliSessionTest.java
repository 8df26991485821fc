package io.paddock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.config.ServerConfig;
import io.paddock.server.PaddockServer;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole CLI sessions driven through piped stdin against a real Paddock server in-process, checked
 * line by line against the output zkCli gives for the same script (dates and zxids masked).
 */
class CliSessionTest {
  @TempDir static Path dataDir;
  private static PaddockServer server;
  private static CliRunner cli;

  @BeforeAll
  static void start() throws IOException {
    server = PaddockServer.start(ServerConfig.builder(dataDir).clientPort(0).build());
    cli = new CliRunner("127.0.0.1:" + server.clientPort(), 10_000);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Masks what differs between runs: dates, zxids, session ids. */
  private static String masked(String text) {
    return text.replaceAll("[A-Z][a-z]{2} [A-Z][a-z]{2} \\d{2} [\\d:]{8} UTC \\d{4}", "DATE")
        .replaceAll("(cZxid|mZxid|pZxid|ephemeralOwner) = 0x[0-9a-f]+", "$1 = 0x?")
        .replaceAll("zxid: \\d+", "zxid: N");
  }

  private static final String BANNER =
      """
      Connecting to %s
      Welcome to Paddock!
      JLine support is disabled

      WATCHER::

      WatchedEvent state:SyncConnected type:None path:null zxid: -1
      """;

  @Test
  void wholeSessionThroughStdinMatchesZkCliOutput() throws InterruptedException {
    CliRunner.Result r =
        cli.script(
            """
            create /s1 hello
            create /s1/a
            create /s1/b "some data"
            create /s1
            ls /s1
            get /s1
            get /s1/a
            set /s1 world
            set -s /s1 again
            set -v 7 /s1 stale
            stat /s1/b
            get -w /s1/b
            set /s1/b changed
            ls -R /s1
            ls2 /s1
            delete /s1
            delete /s1/a
            ls /s1
            deleteall /s1
            get /s1
            stat /s1
            quit
            ls /never
            """);
    assertThat(r.exitCode()).isZero();
    assertThat(masked(r.out()))
        .isEqualTo(
            BANNER.formatted("127.0.0.1:" + server.clientPort())
                + """
                Created /s1
                Created /s1/a
                Created /s1/b
                [a, b]
                hello
                null
                cZxid = 0x?
                ctime = DATE
                mZxid = 0x?
                mtime = DATE
                pZxid = 0x?
                cversion = 2
                dataVersion = 2
                aclVersion = 0
                ephemeralOwner = 0x?
                dataLength = 5
                numChildren = 2
                cZxid = 0x?
                ctime = DATE
                mZxid = 0x?
                mtime = DATE
                pZxid = 0x?
                cversion = 0
                dataVersion = 0
                aclVersion = 0
                ephemeralOwner = 0x?
                dataLength = 9
                numChildren = 0
                some data

                WATCHER::

                WatchedEvent state:SyncConnected type:NodeDataChanged path:/s1/b zxid: N
                /s1
                /s1/a
                /s1/b
                [a, b]
                cZxid = 0x?
                ctime = DATE
                mZxid = 0x?
                mtime = DATE
                pZxid = 0x?
                cversion = 2
                dataVersion = 2
                aclVersion = 0
                ephemeralOwner = 0x?
                dataLength = 5
                numChildren = 2
                [b]
                """);
    assertThat(r.err())
        .isEqualTo(
            """
            Node already exists: /s1
            version No is not valid : /s1
            Node not empty: /s1
            Node does not exist: /s1
            Node does not exist: /s1
            """);
  }

  @Test
  void aclsAndCredentials() throws InterruptedException {
    CliRunner.Result r =
        cli.script(
            """
            create /acl1 x world:anyone:r
            getAcl /acl1
            set /acl1 y
            create /acl1/child x
            setAcl /acl1 world:anyone:cdrwa
            addauth digest alice:secret
            create /acl2 mine auth::cdrwa
            getAcl /acl2
            whoami
            create /acl3 x digest:bob:fakehash:cdrwa,ip:127.0.0.1:rw
            getAcl /acl3
            get /acl3
            setAcl /acl3 world:anyone:cdrwa
            setAcl -s /acl2 world:anyone:r
            getAcl -s /acl2
            create /acl4 x world:anyone:rz
            create /acl4 x nonsense
            """);
    assertThat(r.out())
        .contains("Created /acl1\n'world,'anyone\n: r\n")
        .contains("Created /acl2\n'digest,'alice:")
        .contains("\n: cdrwa\nAuth scheme: User\n")
        .contains("digest: alice\n")
        // Without ADMIN on /acl3 the server hides bob's hash, as ZooKeeper does.
        .contains("Created /acl3\n'digest,'bob:x\n: cdrwa\n'ip,'127.0.0.1\n: rw\nx\n")
        .contains("'world,'anyone\n: r\ncZxid = 0x")
        .contains("aclVersion = 1\n")
        .doesNotContain("Created /acl4");
    assertThat(r.err())
        .isEqualTo(
            """
            Insufficient permission : /acl1
            Insufficient permission : /acl1/child
            Insufficient permission : /acl1
            Insufficient permission : /acl3
            Unknown perm type: z
            create [-s] [-e] [-c] [-t ttl] path [data] [acl]
            nonsense does not have the form scheme:id:perm
            create [-s] [-e] [-c] [-t ttl] path [data] [acl]
            """);
  }

  @Test
  void quotasAreKeptInZooKeepersNodes() throws InterruptedException {
    CliRunner.Result r =
        cli.script(
            """
            create /q1 12345
            create /q1/a xy
            create /q1/a/deep
            setquota -n 10 /q1
            get /zookeeper/quota/q1/zookeeper_limits
            get /zookeeper/quota/q1/zookeeper_stats
            setquota -b 1000 /q1
            listquota /q1
            setquota -n 3 /q1/a
            setquota -n 3 /
            setquota /q1
            setquota -n 3 /nope
            delquota -n /q1
            get /zookeeper/quota/q1/zookeeper_limits
            delquota /q1
            listquota /q1
            delquota /q1
            ls /zookeeper/quota
            create /q2
            create /q2/inner
            setquota -b 5 /q2/inner
            setquota -n 5 /q2
            """);
    assertThat(r.out())
        .contains("count=10,bytes=-1\ncount=3,bytes=7\n")
        .contains("Output quota for /q1 count=10,bytes=1000\nOutput stat for /q1 count=3,bytes=7\n")
        .contains("count=-1,bytes=1000\n")
        .contains("[]\n");
    assertThat(r.err())
        .isEqualTo(
            """
            absolute path is /zookeeper/quota/q1/zookeeper_limits
            /q1/a has a parent /q1 which has a quota
            cannot set a quota on the root node /
            setquota -n|-b val path
            setquota needs -n (node count) or -b (bytes)
            setquota -n|-b val path
            /nope does not exist.
            absolute path is /zookeeper/quota/q1/zookeeper_limits
            quota for /q1 does not exist.
            Quota does not exist for /q1
            /q2 has a child /q2/inner which has a quota
            """);
  }

  @Test
  void watchesPrintEventsUntilTurnedOff() throws InterruptedException {
    CliRunner.Result r =
        cli.script(
            """
            create /w1
            ls -w /w1
            create /w1/c
            stat -w /w1/absent
            create /w1/absent
            addWatch /w1
            set /w1/c 1
            removewatches /w1
            set /w1/c 2
            removewatches /w1
            printwatches off
            get -w /w1/c
            set /w1/c 3
            printwatches
            printwatches on
            addWatch -m PERSISTENT /w1
            set /w1 now
            addWatch -m SOMETIMES /w1
            """);
    assertThat(masked(r.out()))
        .contains(
            """
            Created /w1
            []

            WATCHER::

            WatchedEvent state:SyncConnected type:NodeChildrenChanged path:/w1 zxid: N
            Created /w1/c

            WATCHER::

            WatchedEvent state:SyncConnected type:NodeCreated path:/w1/absent zxid: N
            Created /w1/absent

            WATCHER::

            WatchedEvent state:SyncConnected type:NodeDataChanged path:/w1/c zxid: N

            WATCHER::

            WatchedEvent state:SyncConnected type:PersistentWatchRemoved path:/w1 zxid: -1
            2
            printwatches is off

            WATCHER::

            WatchedEvent state:SyncConnected type:NodeDataChanged path:/w1 zxid: N
            """);
    assertThat(r.out()).containsOnlyOnce("path:/w1/c zxid");
    assertThat(r.err())
        .contains("Node does not exist: /w1/absent\n")
        .contains("KeeperErrorCode = No such watcher for /w1\n")
        .contains("mode must be PERSISTENT or PERSISTENT_RECURSIVE, got: SOMETIMES");
  }

  @Test
  void historyListsAndRedoRepeats() throws InterruptedException {
    CliRunner.Result r =
        cli.script(
            """
            create /h1 first
            get /h1

            # comments and blank lines are not commands
            history
            redo 1
            redo 99
            redo x
            redo 2
            history
            """);
    assertThat(r.out())
        .isEqualTo(
            BANNER.formatted("127.0.0.1:" + server.clientPort())
                + """
                Created /h1
                first
                0 - create /h1 first
                1 - get /h1
                2 - history
                first
                0 - create /h1 first
                1 - get /h1
                2 - history
                3 - get /h1
                4 - redo 99
                5 - redo x
                6 - history
                0 - create /h1 first
                1 - get /h1
                2 - history
                3 - get /h1
                4 - redo 99
                5 - redo x
                6 - history
                7 - history
                """);
    assertThat(r.err())
        .isEqualTo(
            """
            Command index out of range
            redo expects a number, got: x
            """);
  }

  @Test
  void nodeKindsAndServerSideQueries() throws InterruptedException {
    CliRunner.Result r =
        cli.script(
            """
            create /k1
            create -s /k1/seq- a
            create -e /k1/eph e
            create -s -e /k1/eseq- e
            create -c /k1/container
            create -t 60000 /k1/ttl
            getEphemerals /k1
            getAllChildrenNumber /k1
            sync /k1
            stat /k1/eph
            get -b /k1/eph
            ls /k1
            create -c -s /k1/bad
            bogus /k1
            ls
            create /k1/eph/child
            rmr /k1
            ls /k1
            close
            ls /
            connect
            ls /k1
            """);
    assertThat(r.out())
        .contains("Created /k1/seq-0000000000\nCreated /k1/eph\nCreated /k1/eseq-0000000002\n")
        .contains("Created /k1/container\nCreated /k1/ttl\n[/k1/eph, /k1/eseq-0000000002]\n5\n")
        .contains("Sync is OK\n")
        .containsPattern("ephemeralOwner = 0x[1-9a-f][0-9a-f]*\n")
        .contains("ZQ==\n[container, eph, eseq-0000000002, seq-0000000000, ttl]\n")
        .contains("WatchedEvent state:Closed type:None path:null zxid: -1\n");
    assertThat(r.err())
        .contains("-c cannot be combined with -s or -e.")
        .contains("Command not found: bogus\n")
        .contains("ls [-s] [-w] [-R] path\n")
        .contains("Ephemerals cannot have children: /k1/eph/child\n")
        .contains("Node does not exist: /k1\nNot connected\nNode does not exist: /k1\n");
  }
}
