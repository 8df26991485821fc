package io.paddock.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BodyInputTest {
  /** Hands out at most 3 bytes per read, so every field straddles reads and buffer refills. */
  private static InputStream trickle(byte[] bytes) {
    return new FilterInputStream(new ByteArrayInputStream(bytes)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, 3));
      }
    };
  }

  @Test
  void readsWhatDataOutputStreamWroteAcrossBufferBoundaries() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    byte[] blob = new byte[100];
    for (int i = 0; i < blob.length; i++) {
      blob[i] = (byte) (i * 7);
    }
    for (int i = 0; i < 50; i++) {
      out.writeInt(i * -123_457);
      out.writeLong(i * 0x0102_0304_0506_0708L);
      out.write(blob, 0, i);
    }
    out.flush();
    BodyInput in = new BodyInput(trickle(bytes.toByteArray()), 8);
    for (int i = 0; i < 50; i++) {
      assertThat(in.readInt()).isEqualTo(i * -123_457);
      assertThat(in.readLong()).isEqualTo(i * 0x0102_0304_0506_0708L);
      byte[] got = new byte[i];
      in.readFully(got, got.length);
      assertThat(got).containsExactly(Arrays.copyOf(blob, i));
    }
    assertThat(in.atEnd()).isTrue();
  }

  @Test
  void aShortStreamIsAnEofNotGarbage() throws IOException {
    BodyInput in = new BodyInput(trickle(new byte[] {0, 0, 0, 7, 1, 2}), 16);
    assertThat(in.readInt()).isEqualTo(7);
    assertThat(in.atEnd()).isFalse();
    assertThatThrownBy(in::readLong).isInstanceOf(EOFException.class);
    BodyInput data = new BodyInput(trickle(new byte[] {1, 2, 3}), 8);
    assertThatThrownBy(() -> data.readFully(new byte[4], 4)).isInstanceOf(EOFException.class);
  }
}
