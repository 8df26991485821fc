package io.paddock.quorum.core;

import io.paddock.txn.Txn;
import java.util.List;

/**
 * One role's behaviour. Methods return a {@link Transition} to leave the role, or null to stay;
 * they change nothing but their own state and the shared {@link LocalState}.
 */
public interface RoleHandler {
  /** The role this handler plays. */
  Role role();

  /** The current status. */
  PeerStatus status();

  /** The vote to report to LOOKING peers: whom this server currently supports. */
  Vote vote();

  /** Called once when the role is entered. */
  Transition start();

  /** A message from server {@code from}; election notifications are routed here only if LOOKING. */
  Transition step(long from, Message message);

  /** One tick of time passed. */
  Transition tick();

  /** {@link LocalState#persistedZxid()} moved forward. */
  Transition persisted();

  /** The snapshot requested with {@link LogOp.InstallSnapshot} is installed at {@code zxid}. */
  Transition snapshotInstalled(long zxid);

  /** A client write. */
  ProposeResult propose(Txn draft);

  /** A client sync: answer {@code requestId} once this server has what the leader proposed. */
  ProposeResult sync(long requestId);

  /**
   * The transport saw the connection to or from {@code peerId} break (for example the peer's
   * process died and its kernel closed the socket). A learner whose leader it is elects again at
   * once instead of waiting {@code syncLimit} ticks of silence; others ignore it.
   */
  default Transition peerDisconnected(long peerId) {
    return null;
  }

  /** The learners a leader serves and how far behind each is; empty in every other role. */
  default List<LearnerProgress> learners() {
    return List.of();
  }

  /** Called right before a {@link Ready} is handed out. */
  default void beforeReady() {}
}
