package io.paddock.it.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.it.harness.EventQueue;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;

/**
 * Four-letter words. Only the parts an operator's scripts rely on are checked, so a server that is
 * not ZooKeeper can answer them too: the key lines and fields, not version strings or metrics that
 * only ZooKeeper has.
 */
public abstract class FourLetterWordContract extends ServerContract {

  @Test
  void ruokAnswersImok() {
    assertThat(server.fourLetterWord("ruok")).isEqualTo("imok");
  }

  @Test
  void srvrReportsModeZxidAndNodeCount() throws Exception {
    ZooKeeper zk = clients.connect();
    zk.create(uniquePath(), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    String srvr = server.fourLetterWord("srvr");
    assertThat(srvr).contains("Mode: standalone\n").containsPattern("(?m)^Zxid: 0x[0-9a-f]+$");
    assertThat(srvr).containsPattern("(?m)^Node count: \\d+$");
    assertThat(srvr).containsPattern("(?m)^Connections: \\d+$");
    assertThat(srvr).containsPattern("(?m)^Latency min/avg/max: ");
  }

  @Test
  void statListsClientsAndMode() {
    ZooKeeper zk = clients.connect();
    String stat = server.fourLetterWord("stat");
    assertThat(stat).contains("Clients:\n").contains(" /127.0.0.1:").contains("Mode: standalone\n");
    assertThat(stat).containsPattern("(?m)^Node count: \\d+$");
    assertThat(zk.getState().isConnected()).isTrue();
  }

  @Test
  void mntrReportsStateAndCounts() {
    clients.connect();
    String mntr = server.fourLetterWord("mntr");
    assertThat(mntr).contains("zk_server_state\tstandalone\n");
    assertThat(mntr).containsPattern("(?m)^zk_znode_count\t\\d+$");
    assertThat(mntr).containsPattern("(?m)^zk_watch_count\t\\d+$");
    assertThat(mntr).containsPattern("(?m)^zk_ephemerals_count\t\\d+$");
    assertThat(mntr).containsPattern("(?m)^zk_num_alive_connections\t\\d+$");
    assertThat(mntr).containsPattern("(?m)^zk_outstanding_requests\t\\d+$");
  }

  @Test
  void confReportsClientPortAndDirectories() {
    String conf = server.fourLetterWord("conf");
    assertThat(conf).contains("clientPort=" + server.port() + "\n");
    assertThat(conf).containsPattern("(?m)^dataDir=.+$");
    assertThat(conf).contains("tickTime=2000\n");
    assertThat(conf).contains("minSessionTimeout=4000\n").contains("maxSessionTimeout=40000\n");
  }

  @Test
  void consListsConnectionsWithSessionIds() {
    ZooKeeper zk = clients.connect();
    String cons = server.fourLetterWord("cons");
    assertThat(cons).contains(" /127.0.0.1:");
    assertThat(cons).contains("sid=0x" + Long.toHexString(zk.getSessionId()));
  }

  @Test
  void enviStartsWithEnvironment() {
    String envi = server.fourLetterWord("envi");
    assertThat(envi).startsWith("Environment:\n");
    assertThat(envi).containsPattern("(?m)^java\\.version=.+$");
  }

  @Test
  void wchsSummarisesWatches() throws Exception {
    ZooKeeper zk = clients.connect();
    String path = uniquePath();
    zk.create(path, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    zk.getData(path, new EventQueue(), null);
    String wchs = server.fourLetterWord("wchs");
    assertThat(wchs).containsPattern("(?m)^\\d+ connections watching \\d+ paths$");
    assertThat(wchs).containsPattern("(?m)^Total watches:\\d+$");
    assertThat(wchs).doesNotContain("Total watches:0");
  }

  @Test
  void isroAnswersRw() {
    assertThat(server.fourLetterWord("isro")).isEqualTo("rw");
  }
}
