package io.paddock.it.contract;

import io.paddock.it.harness.ServerKind;

class CrashRecoveryPaddockIT extends CrashRecoveryContract {
  @Override
  protected ServerKind kind() {
    return ServerKind.PADDOCK;
  }
}
