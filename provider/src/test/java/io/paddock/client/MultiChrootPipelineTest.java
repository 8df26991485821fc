package io.paddock.client;

import static io.paddock.api.PaddockClient.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.paddock.api.Acl;
import io.paddock.api.AddWatchMode;
import io.paddock.api.CreateMode;
import io.paddock.api.ErrorCode;
import io.paddock.api.EventType;
import io.paddock.api.Op;
import io.paddock.api.OpResult;
import io.paddock.api.PaddockException;
import io.paddock.client.TestClients.Recorder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** multi / multiRead, chroot in both directions, and many pipelined calls. */
class MultiChrootPipelineTest {
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

  @Test
  void multiSuccessMapsEveryOpKind() throws Exception {
    client.create("/m", b("0"), Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    List<OpResult> results =
        client.multi(
            List.of(
                new Op.Create("/m/a", b("a"), Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                new Op.Create("/m/s-", null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL),
                new Op.Create("/m/c", null, Acl.OPEN_ACL_UNSAFE, CreateMode.CONTAINER),
                new Op.Create(
                    "/m/t", null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_WITH_TTL, 60_000),
                new Op.Check("/m", 0),
                new Op.SetData("/m", b("1"), 0),
                new Op.Delete("/m/a", 0)));
    assertThat(results).hasSize(7);
    OpResult.CreateResult a = (OpResult.CreateResult) results.get(0);
    assertThat(a.path()).isEqualTo("/m/a");
    assertThat(a.stat()).isNotNull();
    assertThat(((OpResult.CreateResult) results.get(1)).path()).matches("/m/s-\\d{10}");
    assertThat(((OpResult.CreateResult) results.get(2)).path()).isEqualTo("/m/c");
    assertThat(((OpResult.CreateResult) results.get(3)).path()).isEqualTo("/m/t");
    assertThat(results.get(4)).isInstanceOf(OpResult.CheckResult.class);
    assertThat(((OpResult.SetDataResult) results.get(5)).stat().version()).isEqualTo(1);
    assertThat(results.get(6)).isInstanceOf(OpResult.DeleteResult.class);
    assertThat(client.exists("/m/a")).isNull();
  }

  @Test
  void failedMultiCarriesTheFirstFailureAndAllResults() throws Exception {
    client.create("/mf", null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    List<Op> ops =
        List.of(
            new Op.Create("/mf/x", null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
            new Op.Check("/mf", 7),
            new Op.Delete("/mf/none", -1));
    PaddockException e =
        catchThrowableOfType(PaddockException.BadVersion.class, () -> client.multi(ops));
    assertThat(e.path()).isEqualTo("/mf");
    assertThat(e.results())
        .containsExactly(
            new OpResult.ErrorResult(ErrorCode.OK),
            new OpResult.ErrorResult(ErrorCode.BAD_VERSION),
            new OpResult.ErrorResult(ErrorCode.RUNTIME_INCONSISTENCY));
    assertThat(client.exists("/mf/x")).isNull(); // all or nothing
    PaddockException bad =
        catchThrowableOfType(
            PaddockException.class, () -> await(client.multiAsync(List.of(new Op.GetData("/")))));
    assertThat(bad.code()).isEqualTo(ErrorCode.BAD_ARGUMENTS);
  }

  @Test
  void multiReadAnswersEachOpAlone() throws Exception {
    client.create("/mr", b("d"), Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    client.create("/mr/k", null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    List<OpResult> r =
        await(
            client.multiReadAsync(
                List.of(new Op.GetData("/mr"), new Op.GetChildren("/mr"), new Op.GetData("/no"))));
    assertThat(((OpResult.GetDataResult) r.get(0)).data()).isEqualTo(b("d"));
    assertThat(((OpResult.GetChildrenResult) r.get(1)).children()).containsExactly("k");
    assertThat(r.get(2)).isEqualTo(new OpResult.ErrorResult(ErrorCode.NO_NODE));
    assertThat(client.multiRead(List.of(new Op.GetChildren("/mr/k"))))
        .containsExactly(new OpResult.GetChildrenResult(List.of()));
  }

  @Test
  void chrootAppliesToRequestsRepliesAndEvents() throws Exception {
    client.create("/app", null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    client.create("/apple", null, Acl.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
    Recorder defaults = new Recorder();
    try (PaddockClientImpl c = TestClients.connect(zk.connectString() + "/app", defaults)) {
      Recorder w = new Recorder();
      c.addWatch("/", w, AddWatchMode.PERSISTENT_RECURSIVE);
      assertThat(c.create("/x", b("1"), Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT))
          .isEqualTo("/x");
      assertThat(client.getData("/app/x").data()).isEqualTo(b("1"));
      assertThat(c.getChildren("/")).containsExactly("x");
      assertThat(c.create("/e-", null, Acl.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL))
          .matches("/e-\\d{10}");
      // /apple is outside the chroot even though the server's prefix match reports it.
      assertThat(c.getEphemerals("/")).hasSize(1).allMatch(p -> p.startsWith("/e-"));
      List<OpResult> r =
          c.multi(List.of(new Op.Create("/y", null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT)));
      assertThat(((OpResult.CreateResult) r.get(0)).path()).isEqualTo("/y");
      client.setData("/app/x", b("2"), -1);
      c.sync("/");
      assertThat(w.events)
          .filteredOn(e -> e.type() == EventType.NODE_DATA_CHANGED)
          .extracting(e -> e.path())
          .containsExactly("/x");
      assertThat(w.events).extracting(e -> e.path()).contains("/x", "/y").doesNotContain("/app/x");
      assertThat(c.exists("/")).isNotNull();
    }
  }

  @Test
  void manyPipelinedCallsCompleteInOrder() throws Exception {
    client.create("/pipe", null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    int n = 3_000;
    List<Integer> order = new CopyOnWriteArrayList<>();
    List<CompletableFuture<?>> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int id = i;
      CompletableFuture<?> f =
          (i % 3 == 0
                  ? client.setDataAsync("/pipe", b("v" + i), -1)
                  : i % 3 == 1
                      ? client.getDataAsync("/pipe", null)
                      : client.createAsync(
                          "/pipe/n" + i, null, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, 0))
              .thenRun(() -> order.add(id))
              .toCompletableFuture();
      all.add(f);
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();
    assertThat(order).hasSize(n).isSorted();
    assertThat(client.getData("/pipe").stat().version()).isEqualTo(n / 3);
    assertThat(client.getAllChildrenNumber("/pipe")).isEqualTo(n / 3);
  }
}
