package io.paddock.it.contract;

import io.paddock.it.harness.ServerKind;

class AclPaddockIT extends AclContract {
  @Override
  protected ServerKind kind() {
    return ServerKind.PADDOCK;
  }
}
