package io.paddock.quorum.transport;

import io.paddock.quorum.core.Envelope;
import io.paddock.quorum.core.Message;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.util.Arrays;

/**
 * One accepted connection: its reader thread answers the {@link Handshake}, then decodes frames and
 * hands each message (with its attachment, once complete) to the listener. Anything malformed
 * closes this connection only; the sender reconnects and its core starts over.
 */
final class InboundConnection {
  private static final System.Logger LOG = System.getLogger(InboundConnection.class.getName());
  private static final int BUFFER_BYTES = 64 * 1024;

  /** An attachment buffer starts at most this large and grows as chunks arrive. */
  private static final int ATTACHMENT_INITIAL_BYTES = 1 << 20;

  private final TransportConfig config;
  private final Socket socket;
  private final Acceptor acceptor;
  private final PeerTransport.Listener listener;
  private final Thread reader;

  /** The peer's id once the handshake succeeded, else null. */
  private volatile Long peerId;

  InboundConnection(
      TransportConfig config, Socket socket, Acceptor acceptor, PeerTransport.Listener listener) {
    this.config = config;
    this.socket = socket;
    this.acceptor = acceptor;
    this.listener = listener;
    this.reader =
        new Thread(
            this::run,
            "paddock-quorum-receive-" + config.myId() + "-from-" + socket.getRemoteSocketAddress());
    reader.setDaemon(true);
  }

  void start() {
    reader.start();
  }

  Thread readerThread() {
    return reader;
  }

  void close() {
    try {
      socket.close();
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "closing an inbound connection: {0}", e);
    }
  }

  private void run() {
    String reason = "closed";
    boolean registered = false;
    try {
      DataInputStream in =
          new DataInputStream(new BufferedInputStream(socket.getInputStream(), BUFFER_BYTES));
      Long id = handshake(in);
      if (id == null) {
        return;
      }
      peerId = id;
      reader.setName("paddock-quorum-receive-" + config.myId() + "-from-" + id);
      registered = acceptor.register(id, this);
      if (!registered) {
        return;
      }
      readFrames(new FrameReader(in, config.frameBytesMax()), id);
    } catch (EOFException e) {
      reason = "closed by the peer";
    } catch (MalformedMessageException e) {
      reason = "malformed input: " + e.getMessage();
      LOG.log(
          Level.WARNING,
          "server {0}: closing the connection from {1}: {2}",
          config.myId(),
          describePeer(),
          reason);
    } catch (IOException e) {
      reason = e.getMessage();
    } finally {
      if (!registered) {
        LOG.log(
            Level.DEBUG,
            "server {0}: connection from {1} ended before its handshake completed: {2}",
            config.myId(),
            socket.getRemoteSocketAddress(),
            reason);
      }
      close();
      boolean current = acceptor.unregister(peerId, this) && registered;
      if (current && acceptor.isOpen()) {
        LOG.log(
            Level.INFO,
            "server {0}: connection from server {1} ended: {2}",
            config.myId(),
            peerId,
            reason);
        listener.onPeerDisconnected(peerId.longValue());
      }
    }
  }

  /** The peer's id if the handshake succeeds, else null (the reason is logged). */
  private Long handshake(DataInputStream in) throws IOException {
    socket.setSoTimeout(config.connectTimeoutMs());
    Handshake.Hello hello = Handshake.readHello(in);
    int status =
        Handshake.judge(hello, config.myId(), config.ensembleId(), config.peers().keySet());
    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
    Handshake.writeReply(out, status);
    out.flush();
    if (status != Handshake.ACCEPTED) {
      String why = Handshake.describe(status, hello, config.myId(), config.ensembleId());
      LOG.log(
          acceptor.refusalLevel(why),
          "server {0}: refused a peer connection from {1}: {2}",
          config.myId(),
          socket.getRemoteSocketAddress(),
          why);
      return null;
    }
    socket.setSoTimeout(0);
    return hello.senderId();
  }

  private void readFrames(FrameReader frames, long from) throws IOException {
    Message pending = null; // a message whose attachment is arriving
    byte[] attachment = null;
    int attachmentBytes = 0;
    int received = 0;
    while (true) {
      FrameReader.Frame frame = frames.next();
      byte[] payload = frame.payload();
      if (pending != null && frame.kind() != FrameReader.KIND_CHUNK) {
        throw new MalformedMessageException("frame kind " + frame.kind() + " inside an attachment");
      }
      switch (frame.kind()) {
        case FrameReader.KIND_MESSAGE -> deliver(from, MessageCodec.decode(payload), null);
        case FrameReader.KIND_MESSAGE_WITH_ATTACHMENT -> {
          if (payload.length < 4) {
            throw new MalformedMessageException("attachment header too short");
          }
          attachmentBytes =
              ((payload[0] & 0xff) << 24)
                  | ((payload[1] & 0xff) << 16)
                  | ((payload[2] & 0xff) << 8)
                  | (payload[3] & 0xff);
          if (attachmentBytes < 0 || attachmentBytes > config.attachmentBytesMax()) {
            throw new MalformedMessageException(
                "attachment of "
                    + attachmentBytes
                    + " bytes outside 0.."
                    + config.attachmentBytesMax()
                    + " (attachmentBytesMax)");
          }
          Message message = MessageCodec.decode(payload, 4, payload.length - 4);
          if (attachmentBytes == 0) {
            deliver(from, message, new byte[0]);
          } else {
            pending = message;
            // Grow as bytes arrive rather than trusting the announced size up front.
            attachment = new byte[Math.min(attachmentBytes, ATTACHMENT_INITIAL_BYTES)];
            received = 0;
          }
        }
        case FrameReader.KIND_CHUNK -> {
          if (pending == null) {
            throw new MalformedMessageException("attachment chunk without a message");
          }
          if (payload.length > attachmentBytes - received) {
            throw new MalformedMessageException(
                "attachment chunk overruns the announced " + attachmentBytes + " bytes");
          }
          if (attachment.length - received < payload.length) {
            long grown = Math.max((long) received + payload.length, 2L * attachment.length);
            attachment = Arrays.copyOf(attachment, (int) Math.min(grown, attachmentBytes));
          }
          System.arraycopy(payload, 0, attachment, received, payload.length);
          received += payload.length;
          if (received == attachmentBytes) {
            deliver(from, pending, attachment);
            pending = null;
            attachment = null;
          }
        }
        default -> throw new MalformedMessageException("unknown frame kind " + frame.kind());
      }
    }
  }

  private void deliver(long from, Message message, byte[] attachment) {
    acceptor.counted(from);
    listener.onMessage(new Envelope(from, config.myId(), message), attachment);
  }

  private String describePeer() {
    Long id = peerId;
    return id == null ? String.valueOf(socket.getRemoteSocketAddress()) : "server " + id;
  }
}
