package io.paddock.client;

import io.paddock.api.Acl;
import io.paddock.api.CreateMode;
import io.paddock.api.PaddockException;
import io.paddock.wire.ReplyHeader;
import java.util.List;

/** Argument checks and reply checks shared by the operations. */
final class Requests {
  /** ZooKeeper's largest TTL: 40 bits of milliseconds (the rest of the owner field is flags). */
  static final long TTL_MAX_MS = 0xFF_FFFF_FFFFL;

  private Requests() {}

  /**
   * Rejects a null or empty ACL (ZooKeeper answers it with InvalidACL; we do not send it).
   *
   * @throws IllegalArgumentException if the ACL is null or empty
   */
  static void checkAcl(List<Acl> acl) {
    if (acl == null || acl.isEmpty()) {
      throw new IllegalArgumentException("ACL must not be null or empty");
    }
  }

  /**
   * TTL modes need {@code 0 < ttlMs <= TTL_MAX_MS}; other modes must pass 0.
   *
   * @throws IllegalArgumentException otherwise
   */
  static void checkTtl(CreateMode mode, long ttlMs) {
    if (mode.isTtl() && (ttlMs <= 0 || ttlMs > TTL_MAX_MS)) {
      throw new IllegalArgumentException(
          "ttlMs " + ttlMs + " of " + mode + " must be in (0, " + TTL_MAX_MS + "]");
    }
    if (!mode.isTtl() && ttlMs != 0) {
      throw new IllegalArgumentException(
          "ttlMs " + ttlMs + " given for " + mode + ", which has no TTL; pass 0");
    }
  }

  /** Throws the reply's error, if it has one. */
  static void check(ReplyHeader h, String path) throws PaddockException {
    if (h.err() != 0) {
      throw Errors.fromWire(h.err(), path);
    }
  }
}
