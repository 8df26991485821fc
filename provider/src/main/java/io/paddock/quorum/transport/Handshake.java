package io.paddock.quorum.transport;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The first bytes of every peer connection. The connecting server (the sender of messages) says who
 * it is and what it speaks; the accepting server answers with a status and, unless it is {@link
 * #ACCEPTED}, closes the connection. After that, frames flow from the connecting side only.
 *
 * <pre>
 *   hello := magic:i32 protocolVersion:u16 messageFormat:u16 senderId:i64 receiverId:i64
 *            ensembleIdLength:u8 ensembleId:utf8
 *   reply := magic:i32 status:u8
 * </pre>
 *
 * {@code magic} is {@code "PDKQ"}. {@code protocolVersion} is the framing of {@link FrameReader}
 * ({@value #PROTOCOL_VERSION}), {@code messageFormat} is {@link MessageCodec#FORMAT_VERSION}; both
 * must match exactly. {@code receiverId} catches a server configured with another server's address.
 */
final class Handshake {
  static final int MAGIC = 0x50444B51;
  static final int PROTOCOL_VERSION = 1;

  static final int ACCEPTED = 0;
  static final int REFUSED_VERSION = 1;
  static final int REFUSED_UNKNOWN_SENDER = 2;
  static final int REFUSED_WRONG_RECEIVER = 3;
  static final int REFUSED_WRONG_ENSEMBLE = 4;

  /** What a connecting server said about itself. */
  record Hello(
      int protocolVersion, int messageFormat, long senderId, long receiverId, String ensembleId) {}

  private Handshake() {}

  static void writeHello(DataOutputStream out, long senderId, long receiverId, String ensembleId)
      throws IOException {
    byte[] id = ensembleId.getBytes(StandardCharsets.UTF_8);
    out.writeInt(MAGIC);
    out.writeShort(PROTOCOL_VERSION);
    out.writeShort(MessageCodec.FORMAT_VERSION);
    out.writeLong(senderId);
    out.writeLong(receiverId);
    out.writeByte(id.length);
    out.write(id);
  }

  /** Reads a hello; a wrong magic means the other end does not speak this protocol at all. */
  static Hello readHello(DataInputStream in) throws IOException {
    int magic = in.readInt();
    if (magic != MAGIC) {
      throw new MalformedMessageException(
          "not a Paddock peer connection (magic 0x" + Integer.toHexString(magic) + ")");
    }
    int protocolVersion = in.readUnsignedShort();
    int messageFormat = in.readUnsignedShort();
    long senderId = in.readLong();
    long receiverId = in.readLong();
    byte[] id = new byte[in.readUnsignedByte()]; // at most 255: the u8 is the limit
    in.readFully(id);
    return new Hello(
        protocolVersion,
        messageFormat,
        senderId,
        receiverId,
        new String(id, StandardCharsets.UTF_8));
  }

  /**
   * The status to answer {@code hello} with, as the server {@code myId} of ensemble {@code
   * ensembleId} that knows the servers {@code knownIds}.
   */
  static int judge(Hello hello, long myId, String ensembleId, java.util.Set<Long> knownIds) {
    if (hello.protocolVersion() != PROTOCOL_VERSION
        || hello.messageFormat() != MessageCodec.FORMAT_VERSION) {
      return REFUSED_VERSION;
    }
    if (!hello.ensembleId().equals(ensembleId)) {
      return REFUSED_WRONG_ENSEMBLE;
    }
    if (!knownIds.contains(hello.senderId())) {
      return REFUSED_UNKNOWN_SENDER;
    }
    if (hello.receiverId() != myId) {
      return REFUSED_WRONG_RECEIVER;
    }
    return ACCEPTED;
  }

  static void writeReply(DataOutputStream out, int status) throws IOException {
    out.writeInt(MAGIC);
    out.writeByte(status);
  }

  /** Reads the answer to a hello: its status. */
  static int readReply(DataInputStream in) throws IOException {
    int magic = in.readInt();
    if (magic != MAGIC) {
      throw new MalformedMessageException(
          "peer answered with magic 0x" + Integer.toHexString(magic));
    }
    return in.readUnsignedByte();
  }

  /** Why a status refuses, for logs. */
  static String describe(int status, Hello hello, long myId, String ensembleId) {
    return switch (status) {
      case ACCEPTED -> "accepted";
      case REFUSED_VERSION ->
          "protocol "
              + hello.protocolVersion()
              + "/format "
              + hello.messageFormat()
              + " but this server speaks "
              + PROTOCOL_VERSION
              + "/"
              + MessageCodec.FORMAT_VERSION;
      case REFUSED_UNKNOWN_SENDER -> "server " + hello.senderId() + " is not a member";
      case REFUSED_WRONG_RECEIVER ->
          "meant for server " + hello.receiverId() + " but this is server " + myId;
      case REFUSED_WRONG_ENSEMBLE ->
          "ensemble '" + hello.ensembleId() + "' but this server is in '" + ensembleId + "'";
      default -> "status " + status;
    };
  }

  /** Why the peer refused us, from its status alone. */
  static String describe(int status) {
    return switch (status) {
      case REFUSED_VERSION -> "protocol or message format version mismatch";
      case REFUSED_UNKNOWN_SENDER -> "it does not know this server's id";
      case REFUSED_WRONG_RECEIVER -> "it has another server id than configured here";
      case REFUSED_WRONG_ENSEMBLE -> "it belongs to another ensemble";
      default -> "status " + status;
    };
  }
}
