package io.paddock.it.contract;

import io.paddock.it.harness.ServerKind;

class GroupMembershipPaddockIT extends GroupMembershipContract {
  @Override
  protected ServerKind kind() {
    return ServerKind.PADDOCK;
  }
}
