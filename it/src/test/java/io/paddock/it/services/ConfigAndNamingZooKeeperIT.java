package io.paddock.it.services;

import io.paddock.it.harness.ServerKind;

class ConfigAndNamingZooKeeperIT extends ConfigAndNamingContract {
  @Override
  protected ServerKind kind() {
    return ServerKind.ZOOKEEPER;
  }
}
