package io.paddock.client;

import io.paddock.wire.ClientCodec;
import io.paddock.wire.JuteInput;
import io.paddock.wire.OpCode;
import io.paddock.wire.Request;
import io.paddock.wire.RequestHeader;
import io.paddock.wire.Xid;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The credentials the session has presented, re-sent after every reconnect (the server forgets them
 * with the connection), and the auth frames on the wire. Auth replies carry the reserved xid {@link
 * Xid#AUTH} and a server may answer them ahead of earlier requests, so they are matched in their
 * own FIFO, not by xid. I/O thread only.
 */
final class AuthTracker {

  /**
   * A credential the session has presented.
   *
   * @param scheme the auth scheme
   * @param auth the credential bytes
   */
  record Credential(String scheme, byte[] auth) {
    byte[] frame() {
      return ClientCodec.encodeRequest(
          new RequestHeader(Xid.AUTH, OpCode.AUTH), new Request.Auth(0, scheme, auth));
    }

    boolean sameAs(Credential other) {
      return scheme.equals(other.scheme) && Arrays.equals(auth, other.auth);
    }
  }

  /** An auth frame on the wire; {@code call} is null for a re-sent credential. */
  record InFlight(Call<?> call) {}

  private final List<Credential> credentials = new ArrayList<>();
  private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();

  /** A caller's auth call is being written: remember its credential (once) and await its reply. */
  void sending(Call<?> call) {
    JuteInput in = new JuteInput(call.frame(), 4 + RequestHeader.BYTES, call.payloadBytes() - 8);
    in.readInt("auth.type");
    Credential c = new Credential(in.readString("auth.scheme"), in.readBuffer("auth.auth"));
    if (credentials.stream().noneMatch(c::sameAs)) {
      credentials.add(c);
    }
    inFlight.addLast(new InFlight(call));
  }

  /** The frames to send on a new connection, each now awaiting a reply. */
  List<byte[]> resendAll() {
    List<byte[]> frames = new ArrayList<>(credentials.size());
    for (Credential c : credentials) {
      frames.add(c.frame());
      inFlight.addLast(new InFlight(null));
    }
    return frames;
  }

  /** The auth frame an auth reply answers, or {@code null} if none was in flight. */
  InFlight onReply() {
    return inFlight.pollFirst();
  }

  /** The connection is gone: the callers' auth calls still awaiting a reply, oldest first. */
  List<Call<?>> drainCalls() {
    List<Call<?>> calls = new ArrayList<>();
    for (InFlight a = inFlight.pollFirst(); a != null; a = inFlight.pollFirst()) {
      if (a.call() != null) {
        calls.add(a.call());
      }
    }
    return calls;
  }
}
