package io.paddock.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.api.KeeperState;
import io.paddock.client.ConnectionStateMachine.Input;
import io.paddock.client.ConnectionStateMachine.State;
import io.paddock.client.ConnectionStateMachine.Transition;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every cell of the transition table in {@link ConnectionStateMachine}'s Javadoc. Pure. */
class ConnectionStateMachineTest {
  private static final String ILLEGAL = "!";

  /** The Javadoc's columns, in order. */
  private static final List<Input> COLUMNS =
      List.of(
          Input.CONNECTED,
          Input.CONNECTED_RO,
          Input.LOST,
          Input.EXPIRED,
          Input.AUTH_REJECTED,
          Input.CLOSE,
          Input.CLOSE_DONE);

  /** The Javadoc's rows, in order. */
  private static final List<State> ROWS =
      List.of(
          State.CONNECTING,
          State.CONNECTED,
          State.READ_ONLY,
          State.DISCONNECTED,
          State.CLOSING,
          State.EXPIRED,
          State.AUTH_FAILED,
          State.CLOSED);

  /** The table, row by row ("NEXT/EVENT", "-" = no event). */
  private static final String[][] TABLE = {
    // CONNECTED, CONNECTED_RO, LOST, EXPIRED, AUTH_REJECTED, CLOSE, CLOSE_DONE
    {
      "CONNECTED/SYNC_CONNECTED",
      "READ_ONLY/CONNECTED_READ_ONLY",
      "CONNECTING/-",
      "EXPIRED/EXPIRED",
      ILLEGAL,
      "CLOSING/-",
      ILLEGAL
    }, // CONNECTING
    {
      ILLEGAL,
      ILLEGAL,
      "DISCONNECTED/DISCONNECTED",
      ILLEGAL,
      "AUTH_FAILED/AUTH_FAILED",
      "CLOSING/-",
      ILLEGAL
    }, // CONNECTED
    {
      ILLEGAL,
      ILLEGAL,
      "DISCONNECTED/DISCONNECTED",
      ILLEGAL,
      "AUTH_FAILED/AUTH_FAILED",
      "CLOSING/-",
      ILLEGAL
    }, // READ_ONLY
    {
      "CONNECTED/SYNC_CONNECTED",
      "READ_ONLY/CONNECTED_READ_ONLY",
      "DISCONNECTED/-",
      "EXPIRED/EXPIRED",
      ILLEGAL,
      "CLOSING/-",
      ILLEGAL
    }, // DISCONNECTED
    {
      "CLOSING/-", "CLOSING/-", "CLOSING/-", "CLOSING/-", "CLOSING/-", "CLOSING/-", "CLOSED/CLOSED"
    }, // CLOSING
    {ILLEGAL, ILLEGAL, ILLEGAL, ILLEGAL, ILLEGAL, "EXPIRED/-", "EXPIRED/-"}, // EXPIRED
    {ILLEGAL, ILLEGAL, ILLEGAL, ILLEGAL, ILLEGAL, "AUTH_FAILED/-", "AUTH_FAILED/-"},
    {ILLEGAL, ILLEGAL, ILLEGAL, ILLEGAL, ILLEGAL, "CLOSED/-", "CLOSED/-"}, // CLOSED
  };

  static Stream<Arguments> cells() {
    List<Arguments> out = new ArrayList<>();
    assertThat(ROWS).containsExactlyInAnyOrder(State.values());
    assertThat(COLUMNS).containsExactlyInAnyOrder(Input.values());
    for (State s : ROWS) {
      for (Input i : COLUMNS) {
        out.add(Arguments.of(s, i, TABLE[ROWS.indexOf(s)][COLUMNS.indexOf(i)]));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} + {1} -> {2}")
  @MethodSource("cells")
  void everyCellMatchesTheTable(State from, Input input, String expected) {
    if (expected.equals(ILLEGAL)) {
      assertThatThrownBy(() -> ConnectionStateMachine.next(from, input))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(from.name())
          .hasMessageContaining(input.name());
      return;
    }
    int slash = expected.indexOf('/');
    String to = expected.substring(0, slash);
    String event = expected.substring(slash + 1);
    Transition t = ConnectionStateMachine.next(from, input);
    assertThat(t.from()).isEqualTo(from);
    assertThat(t.to()).isEqualTo(State.valueOf(to));
    assertThat(t.event()).isEqualTo(event.equals("-") ? null : KeeperState.valueOf(event));
  }

  @Test
  void aTypicalLifeAnnouncesEachChangeOnce() {
    ConnectionStateMachine m = new ConnectionStateMachine();
    assertThat(m.state()).isEqualTo(State.CONNECTING);
    assertThat(m.state().publicState()).isEqualTo(KeeperState.DISCONNECTED);
    List<KeeperState> events = new ArrayList<>();
    for (Input i :
        List.of(
            Input.LOST,
            Input.CONNECTED,
            Input.LOST,
            Input.LOST,
            Input.LOST,
            Input.CONNECTED,
            Input.CLOSE,
            Input.LOST,
            Input.CLOSE_DONE,
            Input.CLOSE)) {
      KeeperState e = m.apply(i).event();
      if (e != null) {
        events.add(e);
      }
    }
    assertThat(events)
        .containsExactly(
            KeeperState.SYNC_CONNECTED,
            KeeperState.DISCONNECTED,
            KeeperState.SYNC_CONNECTED,
            KeeperState.CLOSED);
    assertThat(m.state()).isEqualTo(State.CLOSED);
    assertThat(m.state().isTerminal()).isTrue();
  }

  @Test
  void publicStatesAndPredicates() {
    assertThat(State.CONNECTED.publicState()).isEqualTo(KeeperState.SYNC_CONNECTED);
    assertThat(State.READ_ONLY.publicState()).isEqualTo(KeeperState.CONNECTED_READ_ONLY);
    assertThat(State.CLOSING.publicState()).isEqualTo(KeeperState.CLOSED);
    assertThat(State.EXPIRED.publicState()).isEqualTo(KeeperState.EXPIRED);
    assertThat(State.AUTH_FAILED.publicState()).isEqualTo(KeeperState.AUTH_FAILED);
    assertThat(State.READ_ONLY.isConnected()).isTrue();
    assertThat(State.DISCONNECTED.isConnected()).isFalse();
    assertThat(State.CLOSING.isTerminal()).isFalse();
  }
}
