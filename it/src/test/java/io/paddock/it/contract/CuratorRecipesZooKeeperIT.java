package io.paddock.it.contract;

import io.paddock.it.harness.ServerKind;

class CuratorRecipesZooKeeperIT extends CuratorRecipesContract {
  @Override
  protected ServerKind kind() {
    return ServerKind.ZOOKEEPER;
  }
}
