package io.paddock.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

// The test sources below are byte-at-a-time on purpose: they count what was served.
@SuppressWarnings("InputStreamSlowMultibyteRead")
class ReadAheadInputTest {

  @ParameterizedTest
  @CsvSource({"0, 7, 1", "1, 7, 1", "100000, 7, 2", "100000, 4096, 4", "65536, 65536, 1"})
  void deliversEveryByteInOrderWhateverTheReadSizes(int length, int chunkBytes, int chunks)
      throws IOException {
    byte[] source = new byte[length];
    Random random = new Random(length);
    random.nextBytes(source);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ReadAheadInput in =
        new ReadAheadInput(new ByteArrayInputStream(source), chunkBytes, chunks, "test-ahead")) {
      byte[] buffer = new byte[1 + random.nextInt(10_000)];
      while (true) {
        if (random.nextInt(4) == 0) {
          int b = in.read();
          if (b < 0) {
            break;
          }
          out.write(b);
        } else {
          int n = in.read(buffer, 0, 1 + random.nextInt(buffer.length));
          if (n < 0) {
            break;
          }
          out.write(buffer, 0, n);
        }
      }
      assertThat(in.read()).isEqualTo(-1); // the end stays the end
    }
    assertThat(out.toByteArray()).isEqualTo(source);
  }

  @Test
  void aFailureOfTheSourceArrivesAfterTheBytesBeforeIt() throws IOException {
    InputStream failing =
        new InputStream() {
          private int served;

          @Override
          public int read() throws IOException {
            if (served == 10) {
              throw new IOException("disk said no");
            }
            return served++;
          }
        };
    try (ReadAheadInput in = new ReadAheadInput(failing, 4, 2, "test-ahead")) {
      for (int i = 0; i < 10; i++) {
        assertThat(in.read()).isEqualTo(i);
      }
      assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessage("disk said no");
    }
  }

  @Test
  void aRuntimeFailureOfTheSourceBecomesAnIoException() throws IOException {
    InputStream broken =
        new InputStream() {
          @Override
          public int read() {
            throw new IllegalArgumentException("invalid stored block lengths");
          }
        };
    try (ReadAheadInput in = new ReadAheadInput(broken, 4, 1, "test-ahead")) {
      assertThatThrownBy(in::read)
          .isInstanceOf(IOException.class)
          .hasMessageContaining("invalid stored block lengths");
    }
  }

  @Test
  void closingBeforeTheEndStopsTheThreadThatWaitsToHandOverMore() throws Exception {
    CountDownLatch manyServed = new CountDownLatch(1);
    InputStream endless =
        new InputStream() {
          private long served;

          @Override
          public int read() {
            if (++served == 16) { // two chunks: the thread has run ahead
              manyServed.countDown();
            }
            return 1;
          }
        };
    ReadAheadInput in = new ReadAheadInput(endless, 8, 2, "test-ahead-endless");
    assertThat(in.read()).isEqualTo(1);
    assertThat(manyServed.await(10, TimeUnit.SECONDS)).isTrue();
    in.close(); // returns only once the read-ahead thread has ended
    assertThat(
            Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("test-ahead-endless")))
        .isFalse();
  }
}
