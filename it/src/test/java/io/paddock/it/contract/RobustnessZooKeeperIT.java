package io.paddock.it.contract;

import io.paddock.it.harness.ServerKind;

class RobustnessZooKeeperIT extends RobustnessContract {
  @Override
  protected ServerKind kind() {
    return ServerKind.ZOOKEEPER;
  }
}
