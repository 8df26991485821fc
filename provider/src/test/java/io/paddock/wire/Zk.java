package io.paddock.wire;

import io.paddock.api.Acl;
import io.paddock.api.Id;
import io.paddock.api.Stat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Supplier;
import org.apache.jute.BinaryInputArchive;
import org.apache.jute.BinaryOutputArchive;
import org.apache.jute.Record;
import org.apache.zookeeper.data.ACL;

/** The oracle: ZooKeeper's own jute classes (test scope only), and conversions to our types. */
final class Zk {
  static final Stat STAT =
      new Stat(
          0x1_0000_0001L,
          0x7fff_ffff_ffffL,
          1_700_000_000_123L,
          1_700_000_000_456L,
          3,
          -1,
          Integer.MAX_VALUE,
          0xdead_beef_cafeL,
          1_048_575,
          42,
          Long.MIN_VALUE);

  static final List<Acl> ACLS =
      List.of(
          new Acl(31, new Id("world", "anyone")),
          new Acl(1, new Id("digest", "bob:kN3s+1Jd9fQ=")),
          new Acl(3, new Id("ip", "10.0.0.0/8")));

  private Zk() {}

  /** The bytes ZooKeeper's BinaryOutputArchive writes for these records, in order. */
  static byte[] bytes(Record... records) {
    try {
      ByteArrayOutputStream bos = new ByteArrayOutputStream();
      BinaryOutputArchive oa = BinaryOutputArchive.getArchive(bos);
      for (Record r : records) {
        r.serialize(oa, "r");
      }
      return bos.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A complete frame as ZooKeeper writes one: int length then the records. */
  static byte[] frame(Record... records) {
    byte[] payload = bytes(records);
    return ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array();
  }

  /** ZooKeeper's reading of our bytes; fails the test unless it consumed all of them. */
  static <R extends Record> R read(byte[] bytes, Supplier<R> factory) {
    try {
      ByteArrayInputStream bis = new ByteArrayInputStream(bytes);
      R r = factory.get();
      r.deserialize(BinaryInputArchive.getArchive(bis), "r");
      if (bis.available() != 0) {
        throw new AssertionError(bis.available() + " bytes left after ZooKeeper read " + r);
      }
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static org.apache.zookeeper.data.Stat stat(Stat s) {
    return new org.apache.zookeeper.data.Stat(
        s.czxid(),
        s.mzxid(),
        s.ctime(),
        s.mtime(),
        s.version(),
        s.cversion(),
        s.aversion(),
        s.ephemeralOwner(),
        s.dataLength(),
        s.numChildren(),
        s.pzxid());
  }

  static Stat stat(org.apache.zookeeper.data.Stat s) {
    return new Stat(
        s.getCzxid(),
        s.getMzxid(),
        s.getCtime(),
        s.getMtime(),
        s.getVersion(),
        s.getCversion(),
        s.getAversion(),
        s.getEphemeralOwner(),
        s.getDataLength(),
        s.getNumChildren(),
        s.getPzxid());
  }

  static List<ACL> acls(List<Acl> acls) {
    return acls == null
        ? null
        : acls.stream()
            .map(
                a ->
                    new ACL(
                        a.perms(), new org.apache.zookeeper.data.Id(a.id().scheme(), a.id().id())))
            .toList();
  }

  /** Our body bytes, without framing. */
  static byte[] ours(Request r) {
    JuteOutput out = new JuteOutput();
    r.write(out);
    return out.toByteArray();
  }

  static byte[] ours(Response r) {
    JuteOutput out = new JuteOutput();
    r.write(out);
    return out.toByteArray();
  }
}
