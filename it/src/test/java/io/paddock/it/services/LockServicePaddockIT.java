package io.paddock.it.services;

import io.paddock.it.harness.ServerKind;

class LockServicePaddockIT extends LockServiceContract {
  @Override
  protected ServerKind kind() {
    return ServerKind.PADDOCK;
  }
}
