package io.paddock.it.contract;

import io.paddock.it.harness.ServerKind;

class WatchPaddockIT extends WatchContract {
  @Override
  protected ServerKind kind() {
    return ServerKind.PADDOCK;
  }
}
