package io.paddock.it.contract;

import io.paddock.it.harness.ServerKind;

/** The oracle run: fewer rounds, because ZooKeeper takes seconds to restart. */
class CrashRecoveryZooKeeperIT extends CrashRecoveryContract {
  @Override
  protected int kills() {
    return 4;
  }

  @Override
  protected ServerKind kind() {
    return ServerKind.ZOOKEEPER;
  }
}
