package io.paddock.it.contract;

import static io.paddock.it.contract.NodeContract.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.it.harness.EventQueue;
import java.util.ArrayList;
import java.util.List;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;

/**
 * The group-membership example: a group node, members join as ephemeral sequential nodes from their
 * own sessions, anyone lists them, a member that exits vanishes, and the group can be deleted only
 * once empty.
 */
public abstract class GroupMembershipContract extends ServerContract {
  private static final int MEMBERS = 4;

  @Test
  void membersJoinListAndLeave() throws Exception {
    ZooKeeper admin = clients.connect();
    String group = uniquePath();
    admin.create(group, bytes("group"), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

    List<ZooKeeper> sessions = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < MEMBERS; i++) {
      ZooKeeper member = clients.connect();
      String path =
          member.create(
              group + "/member-",
              bytes("host-" + i),
              Ids.OPEN_ACL_UNSAFE,
              CreateMode.EPHEMERAL_SEQUENTIAL);
      assertThat(path).isEqualTo(String.format("%s/member-%010d", group, i));
      sessions.add(member);
      names.add(path.substring(group.length() + 1));
    }
    assertThat(admin.getChildren(group, false)).containsExactlyInAnyOrderElementsOf(names);
    assertThat(admin.getData(group + "/" + names.get(2), false, null)).isEqualTo(bytes("host-2"));

    EventQueue events = new EventQueue();
    admin.getChildren(group, events);
    sessions.get(1).close();
    events.next(EventType.NodeChildrenChanged, group);
    assertThat(admin.getChildren(group, false))
        .containsExactlyInAnyOrder(names.get(0), names.get(2), names.get(3));

    assertThatThrownBy(() -> admin.delete(group, -1))
        .isInstanceOf(KeeperException.NotEmptyException.class);
    for (int i : new int[] {0, 2, 3}) {
      sessions.get(i).close();
    }
    assertThat(admin.getChildren(group, false)).isEmpty();
    admin.delete(group, -1);
    assertThat(admin.exists(group, false)).isNull();
  }
}
