package io.paddock.tree;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;

/** A canonical text form of a whole tree, for equality checks. */
final class TreeDump {
  private TreeDump() {}

  static String dump(DataTree tree) {
    TreeMap<String, String> lines = new TreeMap<>();
    tree.forEachNode(
        n -> {
          List<String> children = new ArrayList<>(tree.children(n.path()));
          children.sort(null);
          String data = n.data() == null ? "null" : HexFormat.of().formatHex(n.data());
          lines.put(
              n.path(),
              n.stat()
                  + " raw(cv="
                  + n.cversionRaw()
                  + ",owner="
                  + Long.toHexString(n.ephemeralOwnerRaw())
                  + ") data="
                  + data
                  + " acl="
                  + n.acl()
                  + " children="
                  + children);
        });
    StringBuilder sb = new StringBuilder();
    lines.forEach((p, l) -> sb.append(p).append(' ').append(l).append('\n'));
    sb.append("sessions=").append(new TreeMap<>(tree.sessions())).append('\n');
    for (Long s : new TreeMap<>(tree.sessions()).keySet()) {
      sb.append("ephemerals ").append(s).append('=').append(tree.ephemeralsOf(s)).append('\n');
    }
    sb.append("containersToReap=").append(tree.containersToReap()).append('\n');
    sb.append("ttlExpiredAtMax=").append(tree.expiredTtlNodes(Long.MAX_VALUE)).append('\n');
    sb.append("nodeCount=").append(tree.nodeCount());
    sb.append(" dataBytes=").append(tree.approximateDataBytes());
    sb.append(" acls=").append(tree.aclCount());
    sb.append(" lastZxid=").append(tree.lastAppliedZxid()).append('\n');
    return sb.toString();
  }
}
