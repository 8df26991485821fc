package io.paddock.txn;

import io.paddock.api.Acl;
import io.paddock.api.CreateMode;
import java.util.List;
import java.util.Objects;

/**
 * What a transaction does. Validation (paths, versions, ACLs) happens when it is applied, so every
 * replica reaches the same verdict. Byte arrays are never copied or mutated after construction.
 */
public sealed interface TxnOp {
  /** Creates a node; {@code ttlMs} only for the TTL modes. */
  record Create(String path, byte[] data, List<Acl> acl, CreateMode mode, long ttlMs)
      implements TxnOp {
    public Create {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(mode, "mode");
      acl = acl == null ? List.of() : List.copyOf(acl);
    }
  }

  /** Deletes a node if its version matches (-1 = any). */
  record Delete(String path, int version) implements TxnOp {}

  /** Sets a node's data if its version matches (-1 = any). */
  record SetData(String path, byte[] data, int version) implements TxnOp {}

  /** Sets a node's ACL if its ACL version matches (-1 = any). */
  record SetAcl(String path, List<Acl> acl, int aclVersion) implements TxnOp {
    public SetAcl {
      acl = acl == null ? List.of() : List.copyOf(acl);
    }
  }

  /** Fails unless the node exists with this version (-1 = any); changes nothing. */
  record Check(String path, int version) implements TxnOp {}

  /** Create/delete/setData/check ops applied all-or-nothing. */
  record Multi(List<TxnOp> ops) implements TxnOp {
    public Multi {
      ops = List.copyOf(ops);
    }
  }

  /** Opens a session. */
  record CreateSession(long sessionId, int timeoutMs) implements TxnOp {}

  /** Ends a session and deletes its ephemeral nodes. */
  record CloseSession(long sessionId) implements TxnOp {}

  /** Server cleanup of an empty container or an expired TTL node; re-checked when applied. */
  record DeleteContainer(String path) implements TxnOp {}
}
