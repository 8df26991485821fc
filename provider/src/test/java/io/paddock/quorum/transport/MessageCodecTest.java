package io.paddock.quorum.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.quorum.core.Message;
import io.paddock.txn.Txn;
import io.paddock.txn.TxnOp;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageCodecTest {
  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replaceAll("\\s", ""));
  }

  private static void assertRoundTrips(Message message) throws MalformedMessageException {
    byte[] bytes = MessageCodec.encode(message);
    Message back = MessageCodec.decode(bytes);
    // Recursive: transactions hold byte arrays, which records compare by identity.
    assertThat(back).usingRecursiveComparison().isEqualTo(message);
    assertThat(back.getClass()).isEqualTo(message.getClass());
    assertThat(MessageCodec.encode(back)).isEqualTo(bytes);
  }

  @Test
  void everyMessageKindRoundTrips() throws MalformedMessageException {
    List<Message> all = Messages.everyKind(11);
    assertThat(all.stream().map(Object::getClass).distinct())
        .as("one of each permitted Message record")
        .hasSameSizeAs(Message.class.getPermittedSubclasses());
    for (Message message : all) {
      assertRoundTrips(message);
    }
  }

  @Test
  void extremeValuesRoundTrip() throws MalformedMessageException {
    assertRoundTrips(new Message.Ack(Long.MIN_VALUE, Long.MAX_VALUE));
    assertRoundTrips(new Message.Commit(-1, 0));
    assertRoundTrips(new Message.Resync(0, ""));
    assertRoundTrips(new Message.Resync(1, "é∂☃😀".repeat(60)));
    assertRoundTrips(
        new Message.Sync(1, 2, Message.SyncMode.TRUNC, 3, List.of(), Long.MAX_VALUE, 0));
    for (Message.SyncMode mode : Message.SyncMode.values()) {
      assertRoundTrips(new Message.Sync(5, 6, mode, 7, List.of(), 8, 9));
    }
  }

  @Test
  void notificationHasThePinnedLayout() throws MalformedMessageException {
    Message m =
        new Message.Notification(
            3,
            io.paddock.quorum.core.Role.LEADING,
            new io.paddock.quorum.core.Vote(2, 0x100000005L, 1),
            false);
    byte[] expected =
        hex(
            """
            01 0000000000000003 02
            0000000000000002 0000000100000005 0000000000000001 00
            """);
    assertThat(MessageCodec.encode(m)).isEqualTo(expected);
    assertThat(MessageCodec.decode(expected)).isEqualTo(m);
  }

  @Test
  void ackAndResyncHaveThePinnedLayout() throws MalformedMessageException {
    Message ack = new Message.Ack(0x0102030405060708L, 0x200000001L);
    byte[] ackBytes = hex("09 0102030405060708 0000000200000001");
    assertThat(MessageCodec.encode(ack)).isEqualTo(ackBytes);
    assertThat(MessageCodec.decode(ackBytes)).isEqualTo(ack);

    Message resync = new Message.Resync(7, "gap");
    byte[] resyncBytes = hex("0e 0000000000000007 00000003 676170");
    assertThat(MessageCodec.encode(resync)).isEqualTo(resyncBytes);
    assertThat(MessageCodec.decode(resyncBytes)).isEqualTo(resync);
  }

  @Test
  void proposalEmbedsTheLogsTransactionFormat() throws MalformedMessageException {
    Txn txn = new Txn(0x100000002L, 1000, 5, 1, List.of(), new TxnOp.CloseSession(5));
    Message m = new Message.Proposal(1, 0x100000001L, txn);
    byte[] expected =
        hex(
            """
            08 0000000000000001 0000000100000001 00000029
            0000000100000002 00000000000003e8 0000000000000005 00000001 00000000
            08 0000000000000005
            """);
    assertThat(MessageCodec.encode(m)).isEqualTo(expected);
    assertThat(MessageCodec.decode(expected)).isEqualTo(m);
  }

  @Test
  void everyTruncationAndEveryExtraByteIsRejected() {
    for (Message message : Messages.everyKind(5)) {
      byte[] full = MessageCodec.encode(message);
      for (int length = 0; length < full.length; length++) {
        byte[] cut = Arrays.copyOf(full, length);
        assertThatThrownBy(() -> MessageCodec.decode(cut))
            .as("%s cut at %d", message.getClass().getSimpleName(), length)
            .isInstanceOf(MalformedMessageException.class);
      }
      byte[] longer = Arrays.copyOf(full, full.length + 1);
      assertThatThrownBy(() -> MessageCodec.decode(longer))
          .isInstanceOf(MalformedMessageException.class)
          .hasMessageContaining("left over");
    }
  }

  @Test
  void badTagsCodesAndLimitsAreRejected() {
    assertThatThrownBy(() -> MessageCodec.decode(hex("63")))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageContaining("unknown message tag 99");
    assertThatThrownBy(() -> MessageCodec.decode(hex("00")))
        .hasMessageContaining("unknown message tag 0");
    // Notification with role code 9.
    assertThatThrownBy(() -> MessageCodec.decode(hex("01 0000000000000003 09" + "00".repeat(25))))
        .hasMessageContaining("unknown role code 9");
    // LeaderInfo is fine, LearnerInfo with boolean byte 2 is not.
    assertThatThrownBy(() -> MessageCodec.decode(hex("02" + "00".repeat(32) + "02")))
        .hasMessageContaining("boolean byte 2");
    // Sync with sync mode 3.
    assertThatThrownBy(() -> MessageCodec.decode(hex("05" + "00".repeat(16) + "03")))
        .hasMessageContaining("unknown sync mode code 3");
    // Sync announcing 2^31-1 entries in a handful of bytes: refused before allocating.
    assertThatThrownBy(
            () ->
                MessageCodec.decode(
                    hex("05" + "00".repeat(16) + "00" + "00".repeat(8) + "7fffffff")))
        .hasMessageContaining("list count 2147483647");
    // Resync with a reason over the string limit, and with a negative length.
    assertThatThrownBy(() -> MessageCodec.decode(hex("0e 0000000000000007 00000401")))
        .hasMessageContaining("string length 1025");
    assertThatThrownBy(() -> MessageCodec.decode(hex("0e 0000000000000007 ffffffff")))
        .hasMessageContaining("string length -1");
    // Invalid UTF-8.
    assertThatThrownBy(() -> MessageCodec.decode(hex("0e 0000000000000007 00000002 c328")))
        .hasMessageContaining("not UTF-8");
    // A proposal whose transaction is damaged inside.
    assertThatThrownBy(() -> MessageCodec.decode(hex("08" + "00".repeat(16) + "00000003 010203")))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageContaining("transaction at byte 21");
  }

  @Test
  void encodingRefusesWhatTheReceiverWouldRefuse() {
    assertThatThrownBy(
            () ->
                MessageCodec.encode(
                    new Message.Resync(1, "x".repeat(MessageCodec.STRING_BYTES_MAX + 1))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Random bytes, and real messages with random bytes flipped: a clean rejection or a message. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void garbageNeverEscapesAsAnotherException(long seed) {
    Random random = new Random(seed);
    List<byte[]> encoded = Messages.everyKind(seed).stream().map(MessageCodec::encode).toList();
    for (int i = 0; i < 5_000; i++) {
      byte[] bytes;
      if (i % 2 == 0) {
        bytes = new byte[random.nextInt(80)];
        random.nextBytes(bytes);
        if (bytes.length > 0) {
          bytes[0] = (byte) (1 + random.nextInt(19)); // a valid tag, to get past the first check
        }
      } else {
        byte[] original = encoded.get(random.nextInt(encoded.size()));
        bytes = original.clone();
        for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
          bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
      }
      try {
        Message decoded = MessageCodec.decode(bytes);
        assertThat(decoded).isNotNull();
      } catch (MalformedMessageException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    }
  }
}
