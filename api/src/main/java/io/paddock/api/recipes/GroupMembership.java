package io.paddock.api.recipes;

import io.paddock.api.PaddockException;
import java.util.List;
import java.util.function.Consumer;

/**
 * A group of processes: each joins with an id and some data, everyone can list the members and be
 * told when the list changes, and a member whose process dies leaves with its session.
 */
public interface GroupMembership {
  /** The group's node; members are its children. */
  String path();

  /**
   * Joins the group as {@code memberId} (a single path segment).
   *
   * @throws PaddockException.NodeExists if a live member already uses that id
   * @throws PaddockException if the ensemble refused
   * @throws InterruptedException if interrupted while waiting for the answer
   */
  Membership join(String memberId, byte[] data) throws PaddockException, InterruptedException;

  /**
   * The current members, sorted by id.
   *
   * @throws PaddockException if the ensemble cannot be read
   * @throws InterruptedException if interrupted while reading
   */
  List<GroupMember> members() throws PaddockException, InterruptedException;

  /**
   * Calls {@code listener} with the current members (sorted by id) now and after every change of
   * the member set, until the returned handle is closed. Changes that follow each other quickly may
   * be reported once, with the newest list. Called from a coordination thread; must return quickly.
   *
   * @throws PaddockException if the ensemble cannot be read
   * @throws InterruptedException if interrupted while reading
   */
  AutoCloseable watch(Consumer<List<GroupMember>> listener)
      throws PaddockException, InterruptedException;
}
