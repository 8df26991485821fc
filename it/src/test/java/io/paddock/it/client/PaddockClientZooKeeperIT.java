package io.paddock.it.client;

import io.paddock.it.harness.ServerKind;

class PaddockClientZooKeeperIT extends PaddockClientContract {
  @Override
  protected ServerKind kind() {
    return ServerKind.ZOOKEEPER;
  }
}
