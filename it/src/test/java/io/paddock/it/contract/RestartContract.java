package io.paddock.it.contract;

import static io.paddock.it.contract.NodeContract.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.it.harness.Clients;
import java.util.Optional;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;

/**
 * The harness's process control on a real server, and durability across it: acknowledged writes
 * survive a graceful restart and a {@code kill -9}.
 */
public abstract class RestartContract extends ServerContract {

  @Test
  void pidIsALiveChildProcess() {
    long pid = server.pid();
    assertThat(ProcessHandle.of(pid))
        .isPresent()
        .get()
        .satisfies(p -> assertThat(p.isAlive()).isTrue());
    assertThat(ProcessHandle.current().children().mapToLong(ProcessHandle::pid)).contains(pid);
  }

  @Test
  void acknowledgedWritesSurviveRestartAndKill9() throws Exception {
    String path = uniquePath();
    Stat written;
    try (Clients before = new Clients(server)) {
      ZooKeeper zk = before.connect();
      zk.create(path, bytes("v0"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      written = zk.setData(path, bytes("v1"), 0);
    }

    long firstPid = server.pid();
    server.restart();
    assertThat(server.pid()).isNotEqualTo(firstPid);
    assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive))
        .isIn(Optional.empty(), Optional.of(false));
    ZooKeeper afterRestart = clients.connect();
    Stat stat = new Stat();
    assertThat(afterRestart.getData(path, false, stat)).isEqualTo(bytes("v1"));
    assertThat(stat).isEqualTo(written);
    afterRestart.setData(path, bytes("v2"), 1);
    afterRestart.close();

    long secondPid = server.pid();
    server.kill9();
    assertThat(server.isAlive()).isFalse();
    server.start();
    assertThat(server.pid()).isNotEqualTo(secondPid);
    ZooKeeper afterCrash = clients.connect();
    assertThat(afterCrash.getData(path, false, stat)).isEqualTo(bytes("v2"));
    assertThat(stat.getVersion()).isEqualTo(2);
    // New writes get zxids above everything before the crash.
    Stat next = new Stat();
    afterCrash.create(uniquePath(), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, next);
    assertThat(next.getCzxid()).isGreaterThan(stat.getMzxid());
  }
}
