package io.paddock.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Connect-string parsing, chroot mapping and the shuffled host cycle. Pure. */
class ConnectStringTest {
  private static InetSocketAddress host(String h, int port) {
    return InetSocketAddress.createUnresolved(h, port);
  }

  @Test
  void parsesHostsPortsAndChroot() {
    ConnectString cs = ConnectString.parse(" zk1:2181, zk2:2182 ,zk3/app/sub");
    assertThat(cs.hosts()).containsExactly(host("zk1", 2181), host("zk2", 2182), host("zk3", 2181));
    assertThat(cs.chroot()).isEqualTo("/app/sub");
    assertThat(ConnectString.parse("h:1").chroot()).isEmpty();
    assertThat(ConnectString.parse("h:1/").chroot()).isEmpty();
  }

  @Test
  void parsesIpv6Literals() {
    ConnectString cs = ConnectString.parse("[::1]:2888,[fe80::1],127.0.0.1:3");
    assertThat(cs.hosts())
        .containsExactly(host("::1", 2888), host("fe80::1", 2181), host("127.0.0.1", 3));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "h:1,,h:2",
        "h:0",
        "h:65536",
        "h:x",
        ":2181",
        "::1:2181",
        "[::1",
        "[::1]x",
        "h:1/a/",
        "h:1/a//b",
        "h:1/./a",
        " , "
      })
  void rejectsMalformedStrings(String bad) {
    assertThatThrownBy(() -> ConnectString.parse(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'");
  }

  @Test
  void chrootMapsBothWays() {
    Chroot c = new Chroot("/app");
    assertThat(c.toServer("/")).isEqualTo("/app");
    assertThat(c.toServer("/x/y")).isEqualTo("/app/x/y");
    assertThat(c.toClient("/app")).isEqualTo("/");
    assertThat(c.toClient("/app/x")).isEqualTo("/x");
    assertThat(c.contains("/apple")).isFalse();
    assertThat(c.toClient("/apple")).isEqualTo("/apple");
    assertThat(c.toClient(null)).isNull();
    Chroot none = new Chroot("");
    assertThat(none.toServer("/x")).isEqualTo("/x");
    assertThat(none.toClient("/x")).isEqualTo("/x");
    assertThatThrownBy(() -> new Chroot("/")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void hostListShufflesDeterministicallyAndCycles() {
    List<InetSocketAddress> hosts = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      hosts.add(host("h" + i, 2181));
    }
    HostList a = new HostList(hosts, new Random(5));
    HostList b = new HostList(hosts, new Random(5));
    assertThat(a.order()).isEqualTo(b.order()).containsExactlyInAnyOrderElementsOf(hosts);
    assertThat(new HostList(hosts, new Random(6)).order()).isNotEqualTo(a.order());
    List<InetSocketAddress> twoRounds = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      twoRounds.add(a.next());
    }
    assertThat(twoRounds.subList(0, 8)).isEqualTo(a.order());
    assertThat(twoRounds.subList(8, 16)).isEqualTo(a.order());
    assertThat(a.size()).isEqualTo(8);
    assertThatThrownBy(() -> new HostList(List.of(), new Random(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void backoffGrowsIsCappedAndJittered() {
    Backoff backoff = new Backoff(20, 1_000, new Random(9));
    for (int failures = 0; failures < 40; failures++) {
      long cap = Math.min(1_000, 20L << Math.min(failures, 20));
      long d = backoff.delayMs(failures);
      assertThat(d).as("failures=%d", failures).isBetween(cap / 2, cap);
    }
    Backoff again = new Backoff(20, 1_000, new Random(9));
    assertThat(again.delayMs(0)).isEqualTo(new Backoff(20, 1_000, new Random(9)).delayMs(0));
    assertThatThrownBy(() -> new Backoff(0, 10, new Random(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
