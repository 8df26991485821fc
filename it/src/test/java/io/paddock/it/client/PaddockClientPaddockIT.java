package io.paddock.it.client;

import io.paddock.it.harness.ServerKind;

class PaddockClientPaddockIT extends PaddockClientContract {
  @Override
  protected ServerKind kind() {
    return ServerKind.PADDOCK;
  }
}
