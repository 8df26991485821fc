package io.paddock.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.api.Acl;
import io.paddock.api.CreateMode;
import io.paddock.api.Id;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZxidTest {

  @Test
  void epochHighCounterLow() {
    long zxid = Zxid.of(3, 0x10);
    assertThat(zxid).isEqualTo(0x3_0000_0010L);
    assertThat(Zxid.epoch(zxid)).isEqualTo(3);
    assertThat(Zxid.counter(zxid)).isEqualTo(0x10);
    assertThat(Zxid.toHex(zxid)).isEqualTo("0x300000010");
    long top = Zxid.of(0xFFFF_FFFFL, Zxid.COUNTER_MAX);
    assertThat(Zxid.epoch(top)).isEqualTo(0xFFFF_FFFFL);
    assertThat(Zxid.counter(top)).isEqualTo(Zxid.COUNTER_MAX);
    // Ordering of plain longs follows (epoch, counter) while epochs stay below 2^31.
    assertThat(Zxid.of(1, Zxid.COUNTER_MAX)).isLessThan(Zxid.of(2, 0));
  }

  @Test
  void outOfRangePartsAreRejected() {
    assertThatThrownBy(() -> Zxid.of(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Zxid.of(1L << 32, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Zxid.of(0, 1L << 32)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void txnCopiesListsAndRequiresAnOp() {
    List<Id> auth = new ArrayList<>(List.of(Id.ANYONE));
    Txn txn = new Txn(1, 2, 3, 4, auth, new TxnOp.CloseSession(3));
    auth.clear();
    assertThat(txn.authIds()).containsExactly(Id.ANYONE);
    assertThat(txn.toString()).contains("zxid=0x1", "session=0x3");
    assertThatThrownBy(() -> new Txn(1, 2, 3, 4, List.of(), null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void createKeepsTheDataArrayAndCopiesTheAcl() {
    byte[] data = {1, 2};
    List<Acl> acl = new ArrayList<>(Acl.OPEN_ACL_UNSAFE);
    TxnOp.Create c = new TxnOp.Create("/a", data, acl, CreateMode.PERSISTENT, 0);
    acl.clear();
    assertThat(c.data()).isSameAs(data);
    assertThat(c.acl()).isEqualTo(Acl.OPEN_ACL_UNSAFE);
    assertThat(new TxnOp.SetAcl("/a", null, -1).acl()).isEmpty();
  }
}
