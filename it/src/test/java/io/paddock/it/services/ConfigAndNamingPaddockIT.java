package io.paddock.it.services;

import io.paddock.it.harness.ServerKind;

class ConfigAndNamingPaddockIT extends ConfigAndNamingContract {
  @Override
  protected ServerKind kind() {
    return ServerKind.PADDOCK;
  }
}
