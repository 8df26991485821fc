package io.paddock.it.contract;

import io.paddock.it.harness.ServerKind;

class AclZooKeeperIT extends AclContract {
  @Override
  protected ServerKind kind() {
    return ServerKind.ZOOKEEPER;
  }
}
