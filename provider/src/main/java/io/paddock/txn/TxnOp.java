package io.paddock.txn;

import io.paddock.api.Acl;
import io.paddock.api.CreateMode;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link Txn} does. Records carry the request as the client sent it (path, data, requested
 * ACL, expected version); validation happens at apply time, on every replica, against the tree as
 * it is then.
 *
 * <p>Byte arrays are NOT copied: callers hand ownership of {@code data} to the transaction and must
 * never mutate it afterwards (the tree stores the same array). This avoids one copy per write on
 * the hot path.
 */
public sealed interface TxnOp {

  /**
   * Creates a node.
   *
   * @param path the requested path; for sequential modes the suffix is appended at apply time
   * @param data the data (may be null); not copied, must not be mutated afterwards
   * @param acl the requested ACL, before {@code auth} expansion; not empty
   * @param mode how to create it
   * @param ttlMs time-to-live for the TTL modes; 0 (or negative) for the other modes
   */
  record Create(String path, byte[] data, List<Acl> acl, CreateMode mode, long ttlMs)
      implements TxnOp {
    public Create {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(mode, "mode");
      acl = acl == null ? List.of() : List.copyOf(acl);
    }
  }

  /**
   * Deletes a node if its data version matches ({@code -1} matches any).
   *
   * @param path the node
   * @param version the expected data version or -1
   */
  record Delete(String path, int version) implements TxnOp {
    public Delete {
      Objects.requireNonNull(path, "path");
    }
  }

  /**
   * Sets a node's data if its data version matches ({@code -1} matches any).
   *
   * @param path the node
   * @param data the new data (may be null); not copied, must not be mutated afterwards
   * @param version the expected data version or -1
   */
  record SetData(String path, byte[] data, int version) implements TxnOp {
    public SetData {
      Objects.requireNonNull(path, "path");
    }
  }

  /**
   * Sets a node's ACL if its ACL version matches ({@code -1} matches any).
   *
   * @param path the node
   * @param acl the requested ACL, before {@code auth} expansion
   * @param aclVersion the expected ACL version (aversion) or -1
   */
  record SetAcl(String path, List<Acl> acl, int aclVersion) implements TxnOp {
    public SetAcl {
      Objects.requireNonNull(path, "path");
      acl = acl == null ? List.of() : List.copyOf(acl);
    }
  }

  /**
   * Fails unless the node exists with this data version ({@code -1} matches any).
   *
   * @param path the node
   * @param version the expected data version or -1
   */
  record Check(String path, int version) implements TxnOp {
    public Check {
      Objects.requireNonNull(path, "path");
    }
  }

  /**
   * All-or-nothing group of {@link Create}, {@link Delete}, {@link SetData} and {@link Check}.
   *
   * @param ops the ops, applied in order; later ops see the effects of earlier ones
   */
  record Multi(List<TxnOp> ops) implements TxnOp {
    public Multi {
      ops = List.copyOf(ops);
      for (TxnOp op : ops) {
        boolean allowed =
            op instanceof Create
                || op instanceof Delete
                || op instanceof SetData
                || op instanceof Check;
        if (!allowed) {
          throw new IllegalArgumentException("op not allowed inside a multi: " + op);
        }
      }
    }
  }

  /**
   * Opens a session. Ephemeral creates are accepted only for open sessions.
   *
   * @param sessionId the new session's id (not 0, and not one of the reserved ephemeral-owner
   *     encodings: high byte 0xFF or exactly 0x8000000000000000)
   * @param timeoutMs the negotiated session timeout
   */
  record CreateSession(long sessionId, int timeoutMs) implements TxnOp {}

  /**
   * Closes a session (client close or expiry) and deletes every ephemeral node it owns.
   *
   * @param sessionId the session to close
   */
  record CloseSession(long sessionId) implements TxnOp {}

  /**
   * Server-proposed removal of an empty container or an expired TTL node. Re-validated at apply
   * time: if the node is gone or no longer eligible the transaction changes nothing.
   *
   * @param path the candidate node
   */
  record DeleteContainer(String path) implements TxnOp {
    public DeleteContainer {
      Objects.requireNonNull(path, "path");
    }
  }
}
