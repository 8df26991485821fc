package io.paddock.tree;

import io.paddock.api.Acl;
import java.util.List;
import java.util.Objects;

/**
 * Everything a snapshot stores about one znode: its path, data, ACL and every stat field that is
 * not derived (the child count and data length are). Used to export a frozen tree and to rebuild
 * one with {@link TreeRestorer}. The data array is shared, never copied: do not modify it.
 *
 * @param path the absolute path
 * @param data the data, possibly null
 * @param acl the ACL (immutable)
 * @param czxid zxid of the creating transaction
 * @param mzxid zxid of the last data change
 * @param pzxid zxid of the last change to the children
 * @param ctimeMs creation time
 * @param mtimeMs time of the last data change
 * @param version data version
 * @param cversion the raw children counter: child creates only, as ZooKeeper persists it (also the
 *     next sequential suffix); the client-visible figure is derived from it
 * @param aversion ACL version
 * @param ephemeralOwner the raw owner: session id, container or TTL marker, or 0
 */
public record NodeRecord(
    String path,
    byte[] data,
    List<Acl> acl,
    long czxid,
    long mzxid,
    long pzxid,
    long ctimeMs,
    long mtimeMs,
    int version,
    int cversion,
    int aversion,
    long ephemeralOwner) {
  public NodeRecord {
    Objects.requireNonNull(path, "path");
    acl = List.copyOf(acl);
  }
}
