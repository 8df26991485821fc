package io.paddock.it.contract;

import io.paddock.it.harness.ServerKind;

class NodeZooKeeperIT extends NodeContract {
  @Override
  protected ServerKind kind() {
    return ServerKind.ZOOKEEPER;
  }
}
