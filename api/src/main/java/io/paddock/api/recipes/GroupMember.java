package io.paddock.api.recipes;

import java.util.Objects;

/**
 * One member of a {@link GroupMembership}.
 *
 * @param id the member's id (its node name)
 * @param data what the member published when it joined (or last updated)
 */
public record GroupMember(String id, byte[] data) {
  public GroupMember {
    Objects.requireNonNull(id, "id");
    data = data == null ? new byte[0] : data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }
}
