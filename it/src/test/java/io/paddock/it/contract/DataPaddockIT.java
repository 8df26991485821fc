package io.paddock.it.contract;

import io.paddock.it.harness.ServerKind;
import org.junit.jupiter.api.Disabled;

@Disabled("enabled when io.paddock.server.ServerMain lands")
class DataPaddockIT extends DataContract {
  @Override
  protected ServerKind kind() {
    return ServerKind.PADDOCK;
  }
}
