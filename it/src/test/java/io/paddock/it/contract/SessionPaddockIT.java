package io.paddock.it.contract;

import io.paddock.it.harness.ServerKind;

class SessionPaddockIT extends SessionContract {
  @Override
  protected ServerKind kind() {
    return ServerKind.PADDOCK;
  }
}
