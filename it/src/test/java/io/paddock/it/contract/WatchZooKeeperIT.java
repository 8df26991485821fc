package io.paddock.it.contract;

import io.paddock.it.harness.ServerKind;

class WatchZooKeeperIT extends WatchContract {
  @Override
  protected ServerKind kind() {
    return ServerKind.ZOOKEEPER;
  }
}
