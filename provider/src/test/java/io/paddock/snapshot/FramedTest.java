package io.paddock.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;

class FramedTest {
  private static final int FRAME = 1024;

  /** One frame as stored: kind, raw size, stored size, bytes. */
  private record Frame(byte kind, int rawBytes, int storedBytes) {}

  private static byte[] random(long seed, int n) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static byte[] text(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) ('a' + (i / 7) % 5);
    }
    return b;
  }

  private static List<Frame> frames(byte[] stored) {
    List<Frame> frames = new ArrayList<>();
    ByteBuffer b = ByteBuffer.wrap(stored);
    while (b.hasRemaining()) {
      Frame f = new Frame(b.get(), b.getInt(), b.getInt());
      frames.add(f);
      b.position(b.position() + f.storedBytes());
    }
    return frames;
  }

  private static byte[] readAll(InputStream in, int chunk) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[chunk];
    int n;
    while ((n = in.read(buffer, 0, chunk)) >= 0) {
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  private static byte[] frame(int kind, int rawBytes, byte[] stored) {
    return ByteBuffer.allocate(9 + stored.length)
        .put((byte) kind)
        .putInt(rawBytes)
        .putInt(stored.length)
        .put(stored)
        .array();
  }

  private static byte[] deflate(byte[] raw) {
    Deflater d = new Deflater(Deflater.BEST_SPEED);
    d.setInput(raw);
    d.finish();
    byte[] out = new byte[raw.length + 64];
    int n = d.deflate(out);
    d.end();
    return Arrays.copyOf(out, n);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  @Test
  void structureIsDeflatedAndIncompressibleDataStoredAsItIs() throws Exception {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    byte[] structure = text(3000);
    byte[] data = random(1, 2500);
    try (FramedOutput out = new FramedOutput(sink, FRAME)) {
      out.write(structure, 0, structure.length);
      out.startSection(FramedOutput.SECTION_DATA);
      out.write(data, 0, data.length);
      out.finish();
    }
    List<Frame> frames = frames(sink.toByteArray());
    assertThat(frames)
        .extracting(Frame::kind, Frame::rawBytes)
        .containsExactly(
            tuple((byte) 1, 1024),
            tuple((byte) 1, 1024),
            tuple((byte) 1, 952),
            tuple((byte) 0, 1024),
            tuple((byte) 0, 1024),
            tuple((byte) 0, 452));
    assertThat(frames.subList(3, 6))
        .allSatisfy(f -> assertThat(f.storedBytes()).isEqualTo(f.rawBytes()));
    assertThat(frames(sink.toByteArray()).get(0).storedBytes()).isLessThan(1024 / 4);
    assertThat(readAll(new FramedInput(new ByteArrayInputStream(sink.toByteArray())), 77))
        .isEqualTo(concat(structure, data));
  }

  @Test
  void afterARawFrameASectionSkipsSevenTriesThenTriesAgain() throws Exception {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (FramedOutput out = new FramedOutput(sink, FRAME)) {
      out.startSection(FramedOutput.SECTION_DATA);
      out.write(random(2, FRAME), 0, FRAME); // tried, stored raw
      byte[] compressible = text(9 * FRAME);
      out.write(compressible, 0, compressible.length); // 7 raw untried, then deflated again
      out.startSection(FramedOutput.SECTION_STRUCTURE);
      out.write(text(600), 0, 600); // the other section was never skipped
      out.startSection(FramedOutput.SECTION_DATA);
      out.write(random(3, 100), 0, 100); // too small to try: raw, and no lesson
      out.write(random(3, 100), 0, 100);
      out.startSection(FramedOutput.SECTION_STRUCTURE);
      out.write(text(600), 0, 600);
      out.startSection(FramedOutput.SECTION_DATA);
      out.write(text(600), 0, 600); // tried: the small frame did not start a skip
      out.finish();
    }
    List<Frame> frames = frames(sink.toByteArray());
    assertThat(frames)
        .extracting(f -> (int) f.kind())
        .containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 1, 1);
  }

  @Test
  void randomSectionsRoundTrip() throws Exception {
    Random r = new Random(3);
    for (int round = 0; round < 50; round++) {
      ByteArrayOutputStream sink = new ByteArrayOutputStream();
      ByteArrayOutputStream expected = new ByteArrayOutputStream();
      try (FramedOutput out = new FramedOutput(sink, 1 + r.nextInt(2 * FRAME))) {
        for (int part = 0; part < 20; part++) {
          if (r.nextInt(3) == 0) {
            out.startSection(r.nextInt(2));
          }
          byte[] b =
              r.nextBoolean() ? random(r.nextLong(), r.nextInt(3000)) : text(r.nextInt(3000));
          if (r.nextBoolean() && b.length > 0) {
            out.write(b[0]);
            out.write(b, 1, b.length - 1);
          } else {
            out.write(b, 0, b.length);
          }
          expected.writeBytes(b);
        }
        out.finish();
      }
      byte[] stored = sink.toByteArray();
      assertThat(frames(stored)).allSatisfy(f -> assertThat(f.rawBytes()).isPositive());
      assertThat(readAll(new FramedInput(new ByteArrayInputStream(stored)), 1 + r.nextInt(5000)))
          .isEqualTo(expected.toByteArray());
    }
  }

  @Test
  void handBuiltFramesAreReadAsSpecified() throws Exception {
    byte[] a = text(500);
    byte[] b = random(4, 300);
    byte[] stored = concat(frame(1, a.length, deflate(a)), frame(0, b.length, b));
    assertThat(readAll(new FramedInput(new ByteArrayInputStream(stored)), 64))
        .isEqualTo(concat(a, b));
    assertThat(readAll(new FramedInput(new ByteArrayInputStream(new byte[0])), 64)).isEmpty();
  }

  @Test
  void damagedFramesAreRefused() {
    byte[] a = text(500);
    byte[] deflated = deflate(a);
    assertRefused(frame(2, 3, new byte[3]), ZipException.class, "unknown frame kind 2");
    assertRefused(frame(0, 4, new byte[3]), ZipException.class, "raw frame of 4 bytes stores 3");
    assertRefused(frame(0, 0, new byte[0]), ZipException.class, "frame of 0 bytes");
    assertRefused(
        frame(0, (1 << 20) + 1, new byte[0]), ZipException.class, "frame of 1048577 bytes");
    assertRefused(frame(1, 3, new byte[3]), ZipException.class, "stores 3");
    assertRefused(frame(1, 501, deflated), ZipException.class, "inflates to 500");
    assertRefused(frame(1, 499, deflated), ZipException.class, "inflates to 499 or more");
    assertRefused(frame(1, 500, random(5, 40)), ZipException.class, "deflated frame");
    byte[] whole = frame(1, 500, deflated);
    assertRefused(Arrays.copyOf(whole, 5), EOFException.class, "frame header cut short");
    assertRefused(Arrays.copyOf(whole, whole.length - 1), EOFException.class, "cut short");
    byte[] raw = frame(0, 10, new byte[10]);
    assertRefused(Arrays.copyOf(raw, raw.length - 1), EOFException.class, "cut short");
  }

  private static void assertRefused(byte[] stored, Class<? extends Exception> type, String text) {
    assertThatThrownBy(() -> readAll(new FramedInput(new ByteArrayInputStream(stored)), 64))
        .isInstanceOf(type)
        .hasMessageContaining(text);
  }
}
