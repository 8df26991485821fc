package io.paddock.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * The owner-word encodings against ZooKeeper 3.9.5's EphemeralType (test-scope oracle). Reached
 * through reflection because the class carries SpotBugs annotations that are not on our classpath,
 * which javac reports as a warning (fatal under -Werror) when the class is referenced directly.
 */
class EphemeralOwnersTest {
  private static final String EPHEMERAL_TYPE = "org.apache.zookeeper.server.EphemeralType";

  private static Object zkTtl() throws ReflectiveOperationException {
    Class<?> type = Class.forName(EPHEMERAL_TYPE);
    return type.getField("TTL").get(null);
  }

  private static long call(String method, long arg) throws ReflectiveOperationException {
    Object ttl = zkTtl();
    Method m = Class.forName(EPHEMERAL_TYPE).getMethod(method, long.class);
    return (long) m.invoke(ttl, arg);
  }

  @Test
  void encodingsMatchZooKeeper() throws ReflectiveOperationException {
    long container =
        Class.forName(EPHEMERAL_TYPE).getField("CONTAINER_EPHEMERAL_OWNER").getLong(null);
    assertThat(EphemeralOwners.CONTAINER).isEqualTo(container);
    long maxTtl = (long) Class.forName(EPHEMERAL_TYPE).getMethod("maxValue").invoke(zkTtl());
    assertThat(EphemeralOwners.TTL_MAX_MS).isEqualTo(maxTtl);
    for (long ttl : new long[] {1, 1000, 0x1234_5678L, EphemeralOwners.TTL_MAX_MS}) {
      long owner = EphemeralOwners.ttl(ttl);
      assertThat(owner).isEqualTo(call("toEphemeralOwner", ttl));
      assertThat(EphemeralOwners.ttlMs(owner)).isEqualTo(call("getValue", owner));
      assertThat(EphemeralOwners.isTtl(owner)).isTrue();
      assertThat(EphemeralOwners.isSession(owner)).isFalse();
      assertThat(EphemeralOwners.clientVisible(owner)).isZero();
    }
    assertThatThrownBy(() -> call("toEphemeralOwner", EphemeralOwners.TTL_MAX_MS + 1))
        .isInstanceOf(InvocationTargetException.class)
        .cause()
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EphemeralOwners.ttl(EphemeralOwners.TTL_MAX_MS + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EphemeralOwners.ttl(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void kinds() {
    assertThat(EphemeralOwners.isSession(0)).isFalse();
    assertThat(EphemeralOwners.isSession(0x1000_0000_0000_0001L)).isTrue();
    assertThat(EphemeralOwners.clientVisible(0x1000_0000_0000_0001L))
        .isEqualTo(0x1000_0000_0000_0001L);
    assertThat(EphemeralOwners.isContainer(Long.MIN_VALUE)).isTrue();
    assertThat(EphemeralOwners.clientVisible(Long.MIN_VALUE)).isZero();
    assertThat(EphemeralOwners.isReservedSessionId(0)).isTrue();
    assertThat(EphemeralOwners.isReservedSessionId(Long.MIN_VALUE)).isTrue();
    assertThat(EphemeralOwners.isReservedSessionId(0xFF00_0000_0000_0005L)).isTrue();
    assertThat(EphemeralOwners.isReservedSessionId(0xFE00_0000_0000_0005L)).isFalse();
  }
}
