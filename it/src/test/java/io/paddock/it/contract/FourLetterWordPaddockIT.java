package io.paddock.it.contract;

import io.paddock.it.harness.ServerKind;

class FourLetterWordPaddockIT extends FourLetterWordContract {
  @Override
  protected ServerKind kind() {
    return ServerKind.PADDOCK;
  }
}
