package io.paddock.it.ensemble;

import io.paddock.it.harness.ServerKind;

class EnsemblePaddockIT extends EnsembleContract {
  @Override
  protected ServerKind kind() {
    return ServerKind.PADDOCK;
  }
}
