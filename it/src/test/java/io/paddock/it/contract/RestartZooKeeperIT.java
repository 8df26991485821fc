package io.paddock.it.contract;

import io.paddock.it.harness.ServerKind;

class RestartZooKeeperIT extends RestartContract {
  @Override
  protected ServerKind kind() {
    return ServerKind.ZOOKEEPER;
  }
}
