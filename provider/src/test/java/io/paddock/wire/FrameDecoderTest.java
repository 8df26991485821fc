package io.paddock.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameDecoderTest {

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 42, 1234567})
  void reassemblesFramesSplitAtArbitraryPoints(long seed) {
    Random random = new Random(seed);
    List<byte[]> payloads = new ArrayList<>();
    ByteBuffer stream = ByteBuffer.allocate(200_000);
    for (int i = 0; i < 50; i++) {
      byte[] p = new byte[random.nextInt(3000)];
      random.nextBytes(p);
      payloads.add(p);
      stream.putInt(p.length).put(p);
    }
    stream.flip();

    FrameDecoder decoder = new FrameDecoder();
    List<byte[]> out = new ArrayList<>();
    while (stream.hasRemaining()) {
      int n = Math.min(stream.remaining(), 1 + random.nextInt(5000));
      ByteBuffer chunk = stream.slice();
      chunk.limit(n);
      decoder.feed(chunk);
      assertThat(chunk.hasRemaining()).isFalse();
      stream.position(stream.position() + n);
      for (byte[] f = decoder.nextFrame(); f != null; f = decoder.nextFrame()) {
        out.add(f);
      }
    }
    assertThat(out).hasSize(payloads.size());
    for (int i = 0; i < out.size(); i++) {
      assertThat(out.get(i)).isEqualTo(payloads.get(i));
    }
    assertThat(decoder.bufferedBytes()).isZero();
    assertThat(decoder.fourLetterWord()).isNull();
  }

  @Test
  void zeroLengthFrameIsAnEmptyPayload() {
    FrameDecoder d = new FrameDecoder();
    d.feed(new byte[] {0, 0, 0, 0, 0, 0}, 0, 6);
    assertThat(d.nextFrame()).isEmpty();
    assertThat(d.nextFrame()).isNull();
    assertThat(d.bufferedBytes()).isEqualTo(2);
  }

  @Test
  void negativeLengthIsRejectedAsSoonAsItArrives() {
    FrameDecoder d = new FrameDecoder();
    assertThatThrownBy(() -> d.feed(ByteBuffer.wrap(new byte[] {(byte) 0xff, 0, 0, 0})))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("frame length -16777216");
  }

  @Test
  void oversizedFrameIsRejectedBeforeItsPayloadIsBuffered() {
    FrameDecoder d = new FrameDecoder(100);
    d.feed(ByteBuffer.allocate(104).putInt(100).position(0)); // exactly the limit is fine
    assertThat(d.nextFrame()).hasSize(100);
    assertThatThrownBy(() -> d.feed(ByteBuffer.allocate(4).putInt(101).flip()))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("frame length 101 at stream offset 104 is outside [0, 100]");
  }

  @Test
  void defaultLimitAcceptsAMaximalZnodeWrite() {
    FrameDecoder d = new FrameDecoder();
    byte[] frame =
        ClientCodec.encodeRequest(
            new RequestHeader(1, OpCode.SET_DATA),
            new Request.SetData(
                "/some/fairly/long/path/" + "p".repeat(200), new byte[0xfffff], -1));
    d.feed(ByteBuffer.wrap(frame));
    assertThat(d.nextFrame()).hasSize(frame.length - 4);
    assertThat(FrameDecoder.DEFAULT_FRAME_BYTES_MAX).isEqualTo(1_049_599);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ruok", "srvr", "stat", "mntr", "conf", "cons", "envi", "wchs", "wchc", "wchp", "dump",
        "dirs", "isro", "crst", "srst", "gtmk", "stmk", "hash"
      })
  void fourLetterWordAtConnectionStartIsReportedNotThrown(String word) {
    FrameDecoder d = new FrameDecoder();
    d.feed(ByteBuffer.wrap(word.substring(0, 2).getBytes(StandardCharsets.US_ASCII)));
    assertThat(d.firstInt()).isEmpty();
    assertThat(d.fourLetterWord()).isNull();
    d.feed(ByteBuffer.wrap((word.substring(2) + "\n").getBytes(StandardCharsets.US_ASCII)));
    assertThat(d.fourLetterWord()).isEqualTo(word);
    assertThat(d.firstInt()).hasValue(FourLetterWords.toInt(word));
    assertThat(FourLetterWords.parse(FourLetterWords.toInt(word))).isEqualTo(word);
    // Taking it as a frame anyway is refused, with a hint.
    assertThatThrownBy(d::nextFrame)
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("four-letter word '" + word + "'");
  }

  @Test
  void firstIntIsTheConnectionStartOnly() {
    FrameDecoder d = new FrameDecoder();
    byte[] connect =
        ConnectCodec.encodeConnectRequest(
            new ConnectRequest(0, 0L, 30_000, 0L, new byte[16], false));
    d.feed(ByteBuffer.wrap(connect));
    assertThat(d.firstInt()).hasValue(connect.length - 4);
    assertThat(d.fourLetterWord()).isNull();
    assertThat(d.nextFrame()).hasSize(connect.length - 4);
    // "ruok" later in the stream is just a (bad) length, never a command.
    assertThatThrownBy(() -> d.feed(ByteBuffer.wrap("ruok".getBytes(StandardCharsets.US_ASCII))))
        .isInstanceOf(WireFormatException.class);
    assertThat(d.fourLetterWord()).isNull();
  }

  @Test
  void fourLetterWordsRejectEverythingElse() {
    assertThat(FourLetterWords.parse(0)).isNull();
    assertThat(FourLetterWords.parse(44)).isNull();
    assertThat(FourLetterWords.parse(FourLetterWords.toInt("abcd"))).isNull();
    assertThat(FourLetterWords.parse(FourLetterWords.toInt("RUOK"))).isNull();
    assertThat(FourLetterWords.parse(-1)).isNull();
  }
}
