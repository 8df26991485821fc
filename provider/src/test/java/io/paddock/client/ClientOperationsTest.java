package io.paddock.client;

import static io.paddock.api.PaddockClient.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.api.Acl;
import io.paddock.api.AclAndStat;
import io.paddock.api.Children;
import io.paddock.api.ClientInfo;
import io.paddock.api.CreateMode;
import io.paddock.api.Created;
import io.paddock.api.ErrorCode;
import io.paddock.api.Id;
import io.paddock.api.NodeData;
import io.paddock.api.PaddockException;
import io.paddock.api.Perms;
import io.paddock.api.Stat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every operation, sync and async, against a real ZooKeeper 3.9.5 server. */
class ClientOperationsTest {
  @TempDir static Path dir;
  static EmbeddedZk zk;
  static PaddockClientImpl client;

  @BeforeAll
  static void start() throws Exception {
    zk = EmbeddedZk.start(dir);
    client = TestClients.connect(zk.connectString(), null);
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (zk != null) {
      zk.close();
    }
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static PaddockException failure(CompletionStage<?> stage) {
    return (PaddockException) org.assertj.core.api.Assertions.catchThrowable(() -> await(stage));
  }

  @Test
  void createGetSetDeleteSync() throws Exception {
    assertThat(client.create("/ops1", b("a"), Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT))
        .isEqualTo("/ops1");
    NodeData d = client.getData("/ops1");
    assertThat(d.data()).isEqualTo(b("a"));
    assertThat(d.stat().version()).isZero();
    Stat s = client.setData("/ops1", b("bb"), 0);
    assertThat(s.version()).isEqualTo(1);
    assertThat(s.dataLength()).isEqualTo(2);
    assertThatThrownBy(() -> client.setData("/ops1", b("c"), 0))
        .isInstanceOf(PaddockException.BadVersion.class)
        .hasMessageContaining("/ops1");
    assertThat(client.exists("/ops1")).isEqualTo(s);
    client.delete("/ops1", 1);
    assertThat(client.exists("/ops1")).isNull();
    assertThatThrownBy(() -> client.getData("/ops1")).isInstanceOf(PaddockException.NoNode.class);
    assertThatThrownBy(() -> client.delete("/ops1", -1))
        .isInstanceOf(PaddockException.NoNode.class);
  }

  @Test
  void createAsyncReturnsStatAndSequentialName() throws Exception {
    Created c =
        await(
            client.createAsync(
                "/seq-", null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL, 0));
    assertThat(c.path()).matches("/seq-\\d{10}");
    assertThat(c.stat().czxid()).isPositive();
    assertThat(await(client.getDataAsync(c.path(), null)).data()).isNull();
    client.create("/seqdir", null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    // A trailing slash is fine only when the server appends a sequence number.
    assertThatThrownBy(
            () -> client.create("/seqdir/", null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT))
        .isInstanceOf(PaddockException.BadArguments.class);
    Created inDir =
        await(
            client.createAsync(
                "/seqdir/", null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL, 0));
    assertThat(inDir.path()).matches("/seqdir/\\d{10}");
  }

  @Test
  void ephemeralContainerAndTtlModes() throws Exception {
    Created e = client.create("/eph", b("x"), Acl.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL, 0);
    assertThat(e.stat().ephemeralOwner()).isEqualTo(client.sessionId());
    assertThat(client.getEphemerals("/")).contains("/eph");
    assertThat(await(client.getEphemeralsAsync("/e"))).contains("/eph");
    Created container = client.create("/cont", null, Acl.OPEN_ACL_UNSAFE, CreateMode.CONTAINER, 0);
    assertThat(container.path()).isEqualTo("/cont");
    Created ttl =
        client.create("/ttl", null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_WITH_TTL, 60_000);
    assertThat(ttl.stat()).isNotNull();
    assertThat(client.exists("/ttl")).isNotNull();
    assertThat(
            failure(
                    client.createAsync(
                        "/ttl2", null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_WITH_TTL, 0))
                .code())
        .isEqualTo(ErrorCode.BAD_ARGUMENTS);
    assertThat(
            failure(
                    client.createAsync(
                        "/ttl3", null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, 5))
                .code())
        .isEqualTo(ErrorCode.BAD_ARGUMENTS);
  }

  @Test
  void childrenAndCounts() throws Exception {
    client.create("/kids", null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    client.create("/kids/a", null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    client.create("/kids/b", null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    client.create("/kids/b/c", null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    assertThat(client.getChildren("/kids")).containsExactlyInAnyOrder("a", "b");
    Children ch = await(client.getChildrenAsync("/kids", null));
    assertThat(ch.names()).containsExactlyInAnyOrder("a", "b");
    assertThat(ch.stat().numChildren()).isEqualTo(2);
    assertThat(client.getChildrenWithStat("/kids/b", null).names()).containsExactly("c");
    assertThat(client.getAllChildrenNumber("/kids")).isEqualTo(3);
    assertThat(await(client.getAllChildrenNumberAsync("/kids/b"))).isEqualTo(1);
    assertThatThrownBy(() -> client.delete("/kids", -1))
        .isInstanceOf(PaddockException.NotEmpty.class);
  }

  @Test
  void aclsAndAuth() throws Exception {
    List<Acl> readOnly = List.of(new Acl(Perms.READ, Id.ANYONE));
    client.create("/acl", b("v"), Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    Stat s = client.setAcl("/acl", readOnly, 0);
    assertThat(s.aversion()).isEqualTo(1);
    AclAndStat got = client.getAcl("/acl");
    assertThat(got.acl()).containsExactlyElementsOf(readOnly);
    assertThat(await(client.getAclAsync("/acl")).stat().aversion()).isEqualTo(1);
    assertThatThrownBy(() -> client.setData("/acl", b("w"), -1))
        .isInstanceOf(PaddockException.NoAuth.class);
    assertThat(failure(client.setAclAsync("/acl", List.of(), -1)).code())
        .isEqualTo(ErrorCode.INVALID_ACL);

    client.addAuthInfo("digest", b("alice:secret"));
    List<ClientInfo> me = client.whoAmI();
    assertThat(me).extracting(ClientInfo::authScheme).contains("digest");
    assertThat(await(client.whoAmIAsync())).extracting(ClientInfo::user).contains("alice");
    client.create("/mine", b("m"), Acl.CREATOR_ALL_ACL, CreateMode.PERSISTENT);
    assertThat(client.getData("/mine").data()).isEqualTo(b("m"));
    try (PaddockClientImpl other = TestClients.connect(zk.connectString(), null)) {
      assertThatThrownBy(() -> other.getData("/mine")).isInstanceOf(PaddockException.NoAuth.class);
    }
  }

  @Test
  void syncAndNullForMissingExists() throws Exception {
    client.sync("/");
    await(client.syncAsync("/"));
    assertThat(client.exists("/does/not/exist")).isNull();
    assertThat(await(client.existsAsync("/nope", null))).isNull();
  }

  @Test
  void invalidPathsFailWithBadArgumentsAndSendNothing() {
    for (String bad :
        new String[] {"", "x", "/a/", "//a", "/a//b", "/a/./b", "/a/..", "/a\u0000b", "/\u0007"}) {
      assertThat(failure(client.getDataAsync(bad, null)).code())
          .as("path %s", bad)
          .isEqualTo(ErrorCode.BAD_ARGUMENTS);
    }
    PaddockException e = failure(client.deleteAsync("/a/", -1));
    assertThat(e.getCause()).hasMessageContaining("must not end with '/'");
    assertThatThrownBy(() -> client.exists(null)).isInstanceOf(PaddockException.BadArguments.class);
  }

  @Test
  void oversizedRequestFailsFastAndConnectionStaysUp() throws Exception {
    client.create("/big", null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    long sessionBefore = client.sessionId();
    PaddockException e = failure(client.setDataAsync("/big", new byte[2 * 1024 * 1024], -1));
    assertThat(e.code()).isEqualTo(ErrorCode.BAD_ARGUMENTS);
    assertThat(e.getCause()).hasMessageContaining("exceeds the frame limit");
    assertThat(client.setData("/big", new byte[500_000], -1).dataLength()).isEqualTo(500_000);
    assertThat(client.getData("/big").data()).hasSize(500_000);
    assertThat(client.sessionId()).isEqualTo(sessionBefore);
  }

  @Test
  void serviceLoaderFindsTheFactory() throws Exception {
    try (var c =
        io.paddock.api.PaddockClients.connect(
            io.paddock.api.ClientConfig.builder(zk.connectString()).build())) {
      assertThat(c).isInstanceOf(PaddockClientImpl.class);
      assertThat(c.exists("/")).isNotNull();
      assertThat(c.sessionId()).isNotZero();
      assertThat(c.sessionPassword()).hasSize(16);
      assertThat(c.negotiatedSessionTimeoutMs()).isPositive();
    }
  }
}
