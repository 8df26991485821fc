package io.paddock.it.contract;

import io.paddock.it.harness.ServerKind;
import org.junit.jupiter.api.Disabled;

@Disabled("Paddock keeps its tree in memory until the durable log of issue 3 lands")
class RestartPaddockIT extends RestartContract {
  @Override
  protected ServerKind kind() {
    return ServerKind.PADDOCK;
  }
}
