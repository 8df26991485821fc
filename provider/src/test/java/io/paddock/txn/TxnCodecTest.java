package io.paddock.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.api.Acl;
import io.paddock.api.CreateMode;
import io.paddock.api.Id;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TxnCodecTest {
  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replaceAll("\\s", ""));
  }

  @Test
  void setDataHasThePinnedLayout() {
    Txn txn =
        new Txn(
            0x100000001L,
            1000,
            0x1234,
            7,
            List.of(new Id("digest", "u:x")),
            new TxnOp.SetData("/a", new byte[] {1, 2}, 3));
    byte[] expected =
        hex(
            """
            0000000100000001 00000000000003e8 0000000000001234 00000007
            00000001 00000006 646967657374 00000003 753a78
            03 00000002 2f61 00000002 0102 00000003
            """);
    assertThat(TxnCodec.encode(txn)).isEqualTo(expected);
    assertThat(TxnCodec.decode(expected)).usingRecursiveComparison().isEqualTo(txn);
  }

  @Test
  void createHasThePinnedLayout() {
    Txn txn =
        new Txn(
            2,
            0,
            5,
            0,
            List.of(),
            new TxnOp.Create("/n", null, Acl.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL, 0));
    byte[] expected =
        hex(
            """
            0000000000000002 0000000000000000 0000000000000005 00000000 00000000
            01 00000002 2f6e ffffffff
            00000001 0000001f 00000005 776f726c64 00000006 616e796f6e65
            00000003 0000000000000000
            """);
    assertThat(TxnCodec.encode(txn)).isEqualTo(expected);
    Txn back = TxnCodec.decode(expected);
    assertThat(back).usingRecursiveComparison().isEqualTo(txn);
    assertThat(((TxnOp.Create) back.op()).data()).isNull();
  }

  @Test
  void everyOpRoundTrips() {
    List<TxnOp> ops =
        List.of(
            new TxnOp.Create("/c", new byte[] {9}, Acl.CREATOR_ALL_ACL, CreateMode.CONTAINER, 0),
            new TxnOp.Create(
                "/t", new byte[0], Acl.READ_ACL_UNSAFE, CreateMode.PERSISTENT_WITH_TTL, 5000),
            new TxnOp.Delete("/d", -1),
            new TxnOp.SetData("/s", null, 4),
            new TxnOp.SetAcl("/s", Acl.OPEN_ACL_UNSAFE, 2),
            new TxnOp.Check("/ü/ñ", 0),
            new TxnOp.Multi(
                List.of(
                    new TxnOp.Check("/x", 1),
                    new TxnOp.Delete("/x", 1),
                    new TxnOp.SetData("/x", new byte[] {1}, 2))),
            new TxnOp.CreateSession(0x0123456789abcdefL, 30_000),
            new TxnOp.CloseSession(-2),
            new TxnOp.DeleteContainer("/c"));
    long zxid = 1;
    for (TxnOp op : ops) {
      Txn txn = new Txn(zxid++, 42, 77, -1, List.of(Id.ANYONE, new Id("ip", "10.0.0.1")), op);
      assertThat(TxnCodec.decode(TxnCodec.encode(txn))).usingRecursiveComparison().isEqualTo(txn);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void randomTransactionsRoundTrip(long seed) {
    TxnGen gen = new TxnGen(seed, 1);
    for (int i = 0; i < 2000; i++) {
      Txn txn = gen.next();
      assertThat(TxnCodec.decode(TxnCodec.encode(txn))).usingRecursiveComparison().isEqualTo(txn);
    }
  }

  @Test
  void everyTruncationIsRejected() {
    byte[] full =
        TxnCodec.encode(
            new Txn(
                3,
                4,
                5,
                6,
                List.of(Id.ANYONE),
                new TxnOp.Multi(
                    List.of(
                        new TxnOp.Create(
                            "/a",
                            new byte[] {1},
                            Acl.OPEN_ACL_UNSAFE,
                            CreateMode.PERSISTENT,
                            0)))));
    for (int length = 0; length < full.length; length++) {
      byte[] cut = java.util.Arrays.copyOf(full, length);
      assertThatThrownBy(() -> TxnCodec.decode(cut))
          .as("cut at %d", length)
          .isInstanceOf(IllegalArgumentException.class);
    }
    byte[] longer = java.util.Arrays.copyOf(full, full.length + 1);
    assertThatThrownBy(() -> TxnCodec.decode(longer)).hasMessageContaining("left over");
  }

  @Test
  void garbageCountsAndTagsAreRejectedWithoutHugeAllocations() {
    byte[] hugeIdCount =
        hex("0000000000000001 0000000000000000 0000000000000000 00000000 7fffffff");
    assertThatThrownBy(() -> TxnCodec.decode(hugeIdCount)).hasMessageContaining("count");
    byte[] unknownTag =
        hex("0000000000000001 0000000000000000 0000000000000000 00000000 00000000 63");
    assertThatThrownBy(() -> TxnCodec.decode(unknownTag)).hasMessageContaining("unknown op tag 99");
    byte[] badMode =
        hex(
            """
            0000000000000001 0000000000000000 0000000000000000 00000000 00000000
            01 00000001 2f 00000000 00000000 00000063 0000000000000000
            """);
    assertThatThrownBy(() -> TxnCodec.decode(badMode)).hasMessageContaining("create mode");
  }
}
