package io.paddock.it.contract;

import io.paddock.it.harness.ServerKind;

class RobustnessPaddockIT extends RobustnessContract {
  @Override
  protected ServerKind kind() {
    return ServerKind.PADDOCK;
  }
}
