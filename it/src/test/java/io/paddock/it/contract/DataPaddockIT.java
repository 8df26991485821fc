package io.paddock.it.contract;

import io.paddock.it.harness.ServerKind;

class DataPaddockIT extends DataContract {
  @Override
  protected ServerKind kind() {
    return ServerKind.PADDOCK;
  }
}
