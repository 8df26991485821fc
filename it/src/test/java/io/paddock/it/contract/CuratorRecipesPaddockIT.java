package io.paddock.it.contract;

import io.paddock.it.harness.ServerKind;

class CuratorRecipesPaddockIT extends CuratorRecipesContract {
  @Override
  protected ServerKind kind() {
    return ServerKind.PADDOCK;
  }
}
