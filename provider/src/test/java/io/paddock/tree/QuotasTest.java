package io.paddock.tree;

import static io.paddock.tree.TreeHarness.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.api.Acl;
import io.paddock.api.CreateMode;
import io.paddock.api.ErrorCode;
import io.paddock.txn.TxnOp;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuotasTest {
  private static TxnResult put(TreeHarness h, String path, String data) {
    return h.apply(
        new TxnOp.Create(path, bytes(data), Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, 0));
  }

  /** What the CLI's setquota does: the quota path, the limits node, then the stats node. */
  private static void setQuota(TreeHarness h, String root, String limits) {
    String quotaPath = Quotas.ROOT + root;
    StringBuilder prefix = new StringBuilder(Quotas.ROOT);
    for (String segment : root.substring(1).split("/", -1)) {
      prefix.append('/').append(segment);
      if (h.node(prefix.toString()) == null) {
        put(h, prefix.toString(), "");
      }
    }
    put(h, quotaPath + "/" + Quotas.LIMITS, limits);
    put(h, quotaPath + "/" + Quotas.STATS, "count=0,bytes=0");
  }

  private static String stats(TreeHarness h, String root) {
    return new String(
        h.node(Quotas.ROOT + root + "/" + Quotas.STATS).data(), StandardCharsets.UTF_8);
  }

  @Test
  void statsNodeCountsTheExistingSubtreeAndFollowsEveryChange() {
    TreeHarness h = new TreeHarness();
    put(h, "/app", "abc");
    put(h, "/app/a", "12345");
    setQuota(h, "/app", "count=10,bytes=100");
    assertThat(stats(h, "/app")).isEqualTo("count=2,bytes=8");

    put(h, "/app/b", "xy");
    assertThat(stats(h, "/app")).isEqualTo("count=3,bytes=10");
    h.apply(new TxnOp.SetData("/app/a", bytes("1"), -1));
    assertThat(stats(h, "/app")).isEqualTo("count=3,bytes=6");
    h.apply(new TxnOp.Delete("/app/b", -1));
    assertThat(stats(h, "/app")).isEqualTo("count=2,bytes=4");
    put(h, "/other", "zzzz");
    assertThat(stats(h, "/app")).isEqualTo("count=2,bytes=4");
    assertThat(h.node(Quotas.ROOT + "/app/" + Quotas.STATS).stat().version()).isZero();
  }

  @Test
  void aRolledBackMultiLeavesUsageExact() {
    TreeHarness h = new TreeHarness();
    put(h, "/m", "");
    setQuota(h, "/m", "count=10,bytes=100");
    TxnResult failed =
        h.apply(
            new TxnOp.Multi(
                List.of(
                    new TxnOp.Create(
                        "/m/x", bytes("123"), Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, 0),
                    new TxnOp.Delete("/m/missing", -1))));
    assertThat(failed.error()).isEqualTo(ErrorCode.NO_NODE);
    assertThat(stats(h, "/m")).isEqualTo("count=1,bytes=0");
  }

  @Test
  void softLimitsWarnAndHardLimitsRefuseOnlyWhenEnforced() {
    TreeHarness lenient = new TreeHarness();
    put(lenient, "/s", "");
    setQuota(lenient, "/s", "count=2,bytes=-1,countHardLimit=2,byteHardLimit=-1");
    put(lenient, "/s/a", "");
    assertThat(lenient.tree.drainQuotaWarnings()).isEmpty();
    assertThat(put(lenient, "/s/b", "").error()).isEqualTo(ErrorCode.OK);
    assertThat(lenient.tree.drainQuotaWarnings()).singleElement().asString().contains("/s");

    TreeHarness strict = new TreeHarness(new TreeConfig(TreeConfig.DATA_BYTES_MAX_DEFAULT, true));
    put(strict, "/h", "");
    setQuota(strict, "/h", "count=-1,bytes=-1,countHardLimit=2,byteHardLimit=10");
    assertThat(put(strict, "/h/a", "12345").error()).isEqualTo(ErrorCode.OK);
    assertThat(put(strict, "/h/b", "").error()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
    assertThat(strict.apply(new TxnOp.SetData("/h/a", bytes("12345678901"), -1)).error())
        .isEqualTo(ErrorCode.QUOTA_EXCEEDED);
    assertThat(strict.apply(new TxnOp.SetData("/h/a", bytes("123456789"), -1)).error())
        .isEqualTo(ErrorCode.OK);
    assertThat(stats(strict, "/h")).isEqualTo("count=2,bytes=9");
  }

  @Test
  void removingTheLimitsNodeEndsTheQuota() {
    TreeHarness h = new TreeHarness(new TreeConfig(TreeConfig.DATA_BYTES_MAX_DEFAULT, true));
    put(h, "/d", "");
    setQuota(h, "/d", "count=-1,bytes=-1,countHardLimit=1,byteHardLimit=-1");
    assertThat(put(h, "/d/a", "").error()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
    h.apply(new TxnOp.Delete(Quotas.ROOT + "/d/" + Quotas.LIMITS, -1));
    assertThat(put(h, "/d/a", "").error()).isEqualTo(ErrorCode.OK);
  }
}
