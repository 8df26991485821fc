package io.paddock.it.contract;

import io.paddock.it.harness.ServerKind;

class GroupMembershipZooKeeperIT extends GroupMembershipContract {
  @Override
  protected ServerKind kind() {
    return ServerKind.ZOOKEEPER;
  }
}
