package io.paddock.it.contract;

import io.paddock.it.harness.ServerKind;

class SessionZooKeeperIT extends SessionContract {
  @Override
  protected ServerKind kind() {
    return ServerKind.ZOOKEEPER;
  }
}
