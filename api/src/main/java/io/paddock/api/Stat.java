package io.paddock.api;

/**
 * The metadata of a znode, exactly ZooKeeper's eleven fields.
 *
 * @param czxid zxid of the transaction that created the node
 * @param mzxid zxid of the transaction that last changed the node's data
 * @param ctime creation time, milliseconds since the epoch, as stamped by the leader
 * @param mtime last data change time, milliseconds since the epoch
 * @param version number of changes to the data
 * @param cversion number of changes to the children
 * @param aversion number of changes to the ACL
 * @param ephemeralOwner owning session id for an ephemeral node, otherwise 0
 * @param dataLength length of the data in bytes
 * @param numChildren number of children
 * @param pzxid zxid of the last change to the children (create or delete of a child)
 */
public record Stat(
    long czxid,
    long mzxid,
    long ctime,
    long mtime,
    int version,
    int cversion,
    int aversion,
    long ephemeralOwner,
    int dataLength,
    int numChildren,
    long pzxid) {}
