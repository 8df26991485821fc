package io.paddock.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SessionIdsTest {

  @Test
  void serverIdInTopByteTimeBelowThenIncrement() {
    SessionIds ids = SessionIds.initial(3, 0x12_3456_789AL);
    long first = ids.next();
    assertThat(first).isEqualTo(0x0312_3456_789A_0000L);
    assertThat(ids.next()).isEqualTo(first + 1);
    assertThat(ids.peek()).isEqualTo(first + 2);
    assertThat(SessionIds.serverIdOf(first)).isEqualTo(3);
  }

  @Test
  void onlyTheLow40BitsOfTimeAreUsed() {
    long t = (1L << 41) | 5;
    assertThat(SessionIds.initial(1, t).next()).isEqualTo((1L << 56) | (5L << 16));
  }

  @Test
  void serverIdRangeAndContainerMarker() {
    assertThatThrownBy(() -> SessionIds.initial(255, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("255");
    assertThatThrownBy(() -> SessionIds.initial(-1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    SessionIds s128 = SessionIds.initial(128, 0);
    assertThat(s128.peek()).isEqualTo(Long.MIN_VALUE + 1);
    assertThat(s128.next()).as("container marker skipped").isEqualTo(Long.MIN_VALUE + 1);
    assertThat(SessionIds.serverIdOf(Long.MIN_VALUE + 1)).isEqualTo(128);
    assertThat(SessionIds.initial(254, -1).next() >>> 56).isEqualTo(254);
  }

  @Test
  void passwordsAreDeterministic16BytesPerIdAndSecret() {
    byte[] secret = "a secret of 16+ bytes".getBytes(StandardCharsets.UTF_8);
    SessionPasswords p = new SessionPasswords(secret);
    byte[] pw = p.passwordFor(0x0100_0000_0000_0001L);
    assertThat(pw).hasSize(16);
    assertThat(new SessionPasswords(secret.clone()).passwordFor(0x0100_0000_0000_0001L))
        .as("another server with the same secret verifies it")
        .isEqualTo(pw);
    assertThat(p.passwordFor(0x0100_0000_0000_0002L)).isNotEqualTo(pw);
    assertThat(
            new SessionPasswords("another secret, 16+ bytes".getBytes(StandardCharsets.UTF_8))
                .passwordFor(0x0100_0000_0000_0001L))
        .isNotEqualTo(pw);
    assertThat(p.matches(0x0100_0000_0000_0001L, pw)).isTrue();
    assertThat(p.matches(0x0100_0000_0000_0002L, pw)).isFalse();
    // Pinned: HMAC-SHA256(secret, id as 8 big-endian bytes), first 16 bytes; the vector was
    // computed with `openssl dgst -sha256 -mac HMAC -macopt hexkey:00..00` (16 zero bytes).
    // Changing the derivation would invalidate every live session across an upgrade.
    assertThat(HexFormat.of().formatHex(new SessionPasswords(new byte[16]).passwordFor(1)))
        .isEqualTo("a4a11ce5fbe8f96bf3028035286c2c92");
  }

  @Test
  void secretLengthIsBounded() {
    assertThatThrownBy(() -> new SessionPasswords(new byte[15]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("15");
    assertThatThrownBy(() -> new SessionPasswords(new byte[65]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void timeoutNegotiationClampsIntoBounds() {
    SessionTimeouts defaults = SessionTimeouts.of(2000, -1, -1);
    assertThat(defaults).isEqualTo(new SessionTimeouts(4000, 40_000));
    assertThat(defaults.negotiate(1)).isEqualTo(4000);
    assertThat(defaults.negotiate(0)).isEqualTo(4000);
    assertThat(defaults.negotiate(-5)).isEqualTo(4000);
    assertThat(defaults.negotiate(4000)).isEqualTo(4000);
    assertThat(defaults.negotiate(30_000)).isEqualTo(30_000);
    assertThat(defaults.negotiate(40_000)).isEqualTo(40_000);
    assertThat(defaults.negotiate(Integer.MAX_VALUE)).isEqualTo(40_000);

    assertThat(SessionTimeouts.of(2000, 1000, -1)).isEqualTo(new SessionTimeouts(1000, 40_000));
    assertThat(SessionTimeouts.of(2000, -1, 100_000)).isEqualTo(new SessionTimeouts(4000, 100_000));
    assertThatThrownBy(() -> SessionTimeouts.of(2000, 50_000, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("minMs=50000 maxMs=40000");
    assertThatThrownBy(() -> SessionTimeouts.of(0, -1, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
