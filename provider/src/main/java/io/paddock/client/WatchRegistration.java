package io.paddock.client;

import io.paddock.api.ErrorCode;
import io.paddock.api.Watcher;

/**
 * A watch a read leaves if it succeeds: which table it goes to depends on the reply's error code
 * (exists on a missing node leaves an EXIST watch, on an existing one a DATA watch).
 *
 * @param clientPath the path as the caller wrote it
 * @param watcher the watcher
 * @param onOk the kind to register on success
 * @param onNoNode the kind to register on NO_NODE, or {@code null} for none
 */
record WatchRegistration(String clientPath, Watcher watcher, WatchKind onOk, WatchKind onNoNode) {

  /** The kind to register for a reply with {@code err}, or {@code null}. */
  WatchKind kindFor(int err) {
    if (err == 0) {
      return onOk;
    }
    return err == ErrorCode.NO_NODE.code() ? onNoNode : null;
  }
}
