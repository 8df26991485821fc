package io.paddock.it.contract;

import io.paddock.it.harness.ServerKind;

class RestartPaddockIT extends RestartContract {
  @Override
  protected ServerKind kind() {
    return ServerKind.PADDOCK;
  }
}
