package io.paddock.it.contract;

import io.paddock.it.harness.ServerKind;

class FourLetterWordZooKeeperIT extends FourLetterWordContract {
  @Override
  protected ServerKind kind() {
    return ServerKind.ZOOKEEPER;
  }
}
