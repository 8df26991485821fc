package io.paddock.it.services;

import io.paddock.it.harness.ServerKind;

class LockServiceZooKeeperIT extends LockServiceContract {
  @Override
  protected ServerKind kind() {
    return ServerKind.ZOOKEEPER;
  }
}
