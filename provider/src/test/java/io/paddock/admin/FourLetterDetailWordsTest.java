package io.paddock.admin;

import static io.paddock.admin.AdminTestSupport.OPEN;
import static io.paddock.admin.AdminTestSupport.connect;
import static io.paddock.admin.AdminTestSupport.fourLetterWord;
import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.config.ConfigKeys;
import io.paddock.config.FourLetterWords;
import io.paddock.config.ServerConfig;
import io.paddock.server.PaddockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The four-letter words that list details ({@code wchc}, {@code wchp}, {@code dump}, {@code dirs})
 * and reset connection figures ({@code crst}), over a raw socket on the client port, with a
 * whitelist that leaves some words out.
 */
class FourLetterDetailWordsTest {
  @TempDir static Path dataDir;
  private static PaddockServer server;
  private static ZooKeeper zk;
  private static String sid;

  @BeforeAll
  static void start() throws Exception {
    server =
        PaddockServer.start(
            ServerConfig.builder(dataDir)
                .clientPort(0)
                .set(
                    ConfigKeys.FOUR_LETTER_WORDS,
                    FourLetterWords.parse("wchc,wchp,dump,dirs,crst,isro,cons"))
                .build());
    zk = connect(server);
    sid = "0x" + Long.toHexString(zk.getSessionId());
    zk.create("/w", new byte[0], OPEN, CreateMode.PERSISTENT);
    zk.create("/w/eph", new byte[0], OPEN, CreateMode.EPHEMERAL);
    zk.exists("/w", event -> {});
    zk.getData("/w/eph", event -> {}, null);
    Files.write(dataDir.resolve("blob"), new byte[4321]);
  }

  @AfterAll
  static void stop() throws Exception {
    zk.close();
    server.close();
  }

  @Test
  void wchcListsPathsUnderEachSession() throws Exception {
    assertThat(fourLetterWord(server, "wchc")).isEqualTo(sid + "\n\t/w\n\t/w/eph\n");
  }

  @Test
  void wchpListsSessionsUnderEachPath() throws Exception {
    assertThat(fourLetterWord(server, "wchp"))
        .isEqualTo("/w\n\t" + sid + "\n/w/eph\n\t" + sid + "\n");
  }

  @Test
  void dumpListsSessionsByExpiryAndTheirEphemerals() throws Exception {
    String dump = fourLetterWord(server, "dump");
    assertThat(dump).startsWith("SessionTracker dump:\nSession Sets (1)/(1):\n1 expire at ");
    assertThat(dump).contains(":\n\t" + sid + "\n");
    assertThat(dump)
        .endsWith("ephemeral nodes dump:\nSessions with Ephemerals (1):\n" + sid + ":\n\t/w/eph\n");
  }

  @Test
  void dirsReportsBytesInTheDataDirectory() throws Exception {
    Matcher m =
        Pattern.compile("datadir_size: (\\d+)\nlogdir_size: (\\d+)\n")
            .matcher(fourLetterWord(server, "dirs"));
    assertThat(m.matches()).isTrue();
    assertThat(Long.parseLong(m.group(1))).isGreaterThanOrEqualTo(4321);
    assertThat(m.group(2)).isEqualTo(m.group(1)); // dataLogDir defaults to dataDir
  }

  @Test
  void crstZeroesConnectionCounts() throws Exception {
    for (int i = 0; i < 20; i++) {
      zk.exists("/w", false);
    }
    assertThat(receivedBy(fourLetterWord(server, "cons"))).isGreaterThanOrEqualTo(20);
    assertThat(fourLetterWord(server, "crst")).isEqualTo("Connection stats reset.\n");
    assertThat(receivedBy(fourLetterWord(server, "cons"))).isLessThan(5);
  }

  private static long receivedBy(String cons) {
    Matcher m = Pattern.compile("recved=(\\d+),sent=\\d+,sid=" + sid + ",").matcher(cons);
    assertThat(m.find()).as(cons).isTrue();
    return Long.parseLong(m.group(1));
  }

  @Test
  void isroStillAnswers() throws Exception {
    assertThat(fourLetterWord(server, "isro")).isEqualTo("rw");
  }

  @Test
  void wordsLeftOffTheWhitelistAreRefused() throws Exception {
    for (String word : new String[] {"srst", "stat", "mntr", "envi"}) {
      assertThat(fourLetterWord(server, word))
          .isEqualTo(word + " is not executed because it is not in the whitelist.\n");
    }
  }
}
