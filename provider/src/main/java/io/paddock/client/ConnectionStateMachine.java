package io.paddock.client;

import io.paddock.api.KeeperState;

/**
 * The one owner of the client's connection state. Pure: inputs in, the new state and the event for
 * the default watcher out; driven only by the I/O thread, read from any thread.
 *
 * <p>Transition table ({@code next / event}; {@code —} no event; {@code !} illegal, throws):
 *
 * <pre>
 * state \ input  | CONNECTED       | CONNECTED_RO       | LOST              | EXPIRED      | AUTH_REJECTED   | CLOSE         | CLOSE_DONE
 * ---------------+-----------------+--------------------+-------------------+--------------+-----------------+---------------+--------------
 * CONNECTING     | CONNECTED/SYNC  | READ_ONLY/RO       | CONNECTING/—      | EXPIRED/EXP  | !               | CLOSING/—     | !
 * CONNECTED      | !               | !                  | DISCONNECTED/DISC | !            | AUTH_FAILED/AF  | CLOSING/—     | !
 * READ_ONLY      | !               | !                  | DISCONNECTED/DISC | !            | AUTH_FAILED/AF  | CLOSING/—     | !
 * DISCONNECTED   | CONNECTED/SYNC  | READ_ONLY/RO       | DISCONNECTED/—    | EXPIRED/EXP  | !               | CLOSING/—     | !
 * CLOSING        | CLOSING/—       | CLOSING/—          | CLOSING/—         | CLOSING/—    | CLOSING/—       | CLOSING/—     | CLOSED/CLOSED
 * EXPIRED        | !               | !                  | !                 | !            | !               | EXPIRED/—     | EXPIRED/—
 * AUTH_FAILED    | !               | !                  | !                 | !            | !               | AUTH_FAILED/— | AUTH_FAILED/—
 * CLOSED         | !               | !                  | !                 | !            | !               | CLOSED/—      | CLOSED/—
 * </pre>
 *
 * <p>Why: CONNECTING is "no session yet" and a failed attempt there is silent, as is a failed
 * re-attempt while DISCONNECTED (one DISCONNECTED event per outage, not one per host tried).
 * EXPIRED can only be learnt from a handshake, AUTH_FAILED only from an auth reply on a live
 * connection. CLOSING swallows everything until the close finishes, so a close racing with a
 * disconnect or expiry still ends in one CLOSED event. Terminal states accept only close.
 */
final class ConnectionStateMachine {

  /** The states. */
  enum State {
    CONNECTING,
    CONNECTED,
    READ_ONLY,
    DISCONNECTED,
    CLOSING,
    EXPIRED,
    AUTH_FAILED,
    CLOSED;

    /** No connection will ever be made again. */
    boolean isTerminal() {
      return this == EXPIRED || this == AUTH_FAILED || this == CLOSED;
    }

    /** A handshake has completed on the current connection. */
    boolean isConnected() {
      return this == CONNECTED || this == READ_ONLY;
    }

    /** What {@link io.paddock.api.PaddockClient#state()} reports in this state. */
    KeeperState publicState() {
      return switch (this) {
        case CONNECTING, DISCONNECTED -> KeeperState.DISCONNECTED;
        case CONNECTED -> KeeperState.SYNC_CONNECTED;
        case READ_ONLY -> KeeperState.CONNECTED_READ_ONLY;
        case CLOSING, CLOSED -> KeeperState.CLOSED;
        case EXPIRED -> KeeperState.EXPIRED;
        case AUTH_FAILED -> KeeperState.AUTH_FAILED;
      };
    }
  }

  /** The inputs. */
  enum Input {
    /** A handshake with a read-write server succeeded. */
    CONNECTED,
    /** A handshake with a read-only server succeeded. */
    CONNECTED_RO,
    /** The connection (or the attempt) failed. */
    LOST,
    /** The server answered the handshake with timeout 0: the session is gone. */
    EXPIRED,
    /** The server rejected credentials. */
    AUTH_REJECTED,
    /** The owner called close(). */
    CLOSE,
    /** The close finished (reply received, timed out, or no connection to send it on). */
    CLOSE_DONE
  }

  /**
   * The result of one step.
   *
   * @param from the state before
   * @param to the state after
   * @param event the state to announce to the default watcher, or {@code null}
   */
  record Transition(State from, State to, KeeperState event) {}

  private volatile State state = State.CONNECTING;

  State state() {
    return state;
  }

  /**
   * Applies one input.
   *
   * @throws IllegalStateException for a combination the table marks illegal, naming both
   */
  Transition apply(Input input) {
    State from = state;
    Transition t = next(from, input);
    state = t.to();
    return t;
  }

  /** The table above as a pure function. */
  static Transition next(State from, Input input) {
    return switch (from) {
      case CONNECTING, DISCONNECTED ->
          switch (input) {
            case CONNECTED -> to(from, State.CONNECTED, KeeperState.SYNC_CONNECTED);
            case CONNECTED_RO -> to(from, State.READ_ONLY, KeeperState.CONNECTED_READ_ONLY);
            case LOST -> to(from, from, null);
            case EXPIRED -> to(from, State.EXPIRED, KeeperState.EXPIRED);
            case CLOSE -> to(from, State.CLOSING, null);
            case AUTH_REJECTED, CLOSE_DONE -> illegal(from, input);
          };
      case CONNECTED, READ_ONLY ->
          switch (input) {
            case LOST -> to(from, State.DISCONNECTED, KeeperState.DISCONNECTED);
            case AUTH_REJECTED -> to(from, State.AUTH_FAILED, KeeperState.AUTH_FAILED);
            case CLOSE -> to(from, State.CLOSING, null);
            case CONNECTED, CONNECTED_RO, EXPIRED, CLOSE_DONE -> illegal(from, input);
          };
      case CLOSING ->
          input == Input.CLOSE_DONE
              ? to(from, State.CLOSED, KeeperState.CLOSED)
              : to(from, State.CLOSING, null);
      case EXPIRED, AUTH_FAILED, CLOSED ->
          input == Input.CLOSE || input == Input.CLOSE_DONE
              ? to(from, from, null)
              : illegal(from, input);
    };
  }

  private static Transition to(State from, State to, KeeperState event) {
    return new Transition(from, to, event);
  }

  private static Transition illegal(State from, Input input) {
    throw new IllegalStateException(
        "illegal connection-state transition: " + input + " in " + from);
  }
}
