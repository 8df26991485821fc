package io.paddock.it.contract;

import io.paddock.it.harness.ServerKind;

class NodePaddockIT extends NodeContract {
  @Override
  protected ServerKind kind() {
    return ServerKind.PADDOCK;
  }
}
