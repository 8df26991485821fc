package io.paddock.it.contract;

import io.paddock.it.harness.ServerKind;

class DataZooKeeperIT extends DataContract {
  @Override
  protected ServerKind kind() {
    return ServerKind.ZOOKEEPER;
  }
}
