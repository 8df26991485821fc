package io.paddock.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Golden bytes: the format documented in {@link LogFormat}, checksums computed independently. */
class LogFormatTest {
  private static final Path FILE = Path.of("log-0000000000000010");

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replaceAll("\\s", ""));
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  @Test
  void headerBytesArePinned() throws Exception {
    byte[] expected = hex("50444b4c 00000001 0000000000000010 000000000000000f 00000000 07386e53");
    assertThat(bytes(LogFormat.header(0x10, 0xf))).isEqualTo(expected);
    assertThat(LogFormat.parseHeader(ByteBuffer.wrap(expected), FILE))
        .isEqualTo(new LogFormat.Header(0x10, 0xf));
  }

  @Test
  void recordBytesArePinned() {
    ByteBuffer b = ByteBuffer.allocate(LogFormat.recordBytes(1));
    LogFormat.putRecord(b, 0x10, new byte[] {(byte) 0xaa});
    assertThat(b.array()).isEqualTo(hex("00000001 8161b25e 0000000000000010 aa"));
  }

  @Test
  void namesSortByZxid() {
    assertThat(LogFormat.segmentName(0x10)).isEqualTo("log-0000000000000010");
    assertThat(LogFormat.firstZxidOf("log-00000001000000ff")).isEqualTo(0x1000000ffL);
    assertThat(LogFormat.firstZxidOf("log-00000001000000FF")).isEqualTo(-1);
    assertThat(LogFormat.firstZxidOf("log-0001")).isEqualTo(-1);
    assertThat(LogFormat.firstZxidOf("snap-0000000000000010")).isEqualTo(-1);
  }

  @Test
  void damagedHeadersAreCorruptAndOtherVersionsAreRefused() {
    byte[] good = bytes(LogFormat.header(0x10, 0xf));
    byte[] flipped = good.clone();
    flipped[12] ^= 1;
    assertThatThrownBy(() -> LogFormat.parseHeader(ByteBuffer.wrap(flipped), FILE))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining("checksum");
    byte[] otherMagic = good.clone();
    otherMagic[0] = 'X';
    assertThatThrownBy(() -> LogFormat.parseHeader(ByteBuffer.wrap(otherMagic), FILE))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining("not a Paddock log segment");
    byte[] v2 = good.clone();
    v2[7] = 2;
    assertThatThrownBy(() -> LogFormat.parseHeader(ByteBuffer.wrap(v2), FILE))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("version 2");
    assertThatThrownBy(() -> LogFormat.parseHeader(ByteBuffer.wrap(new byte[10]), FILE))
        .isInstanceOf(CorruptFileException.class);
  }

  @Test
  void emptyAndOversizedPayloadsCannotBeWritten() {
    ByteBuffer b = ByteBuffer.allocate(64);
    assertThatThrownBy(() -> LogFormat.putRecord(b, 1, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
