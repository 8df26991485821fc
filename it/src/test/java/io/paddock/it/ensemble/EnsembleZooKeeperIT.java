package io.paddock.it.ensemble;

import io.paddock.it.harness.ServerKind;

class EnsembleZooKeeperIT extends EnsembleContract {
  @Override
  protected ServerKind kind() {
    return ServerKind.ZOOKEEPER;
  }
}
