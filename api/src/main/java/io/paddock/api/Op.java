package io.paddock.api;

import java.util.List;
import java.util.Objects;

/**
 * One operation of a {@code multi} (writes and checks, all-or-nothing) or a {@code multiRead}
 * (reads, each answered on its own).
 */
public sealed interface Op {
  /** The path the op concerns. */
  String path();

  /**
   * Creates a node; {@code ttlMs} is used only by the TTL modes (else 0).
   *
   * @param path the node to create
   * @param data its data
   * @param acl its ACL, not empty
   * @param mode how to create it
   * @param ttlMs time-to-live for the TTL modes, otherwise 0
   */
  record Create(String path, byte[] data, List<Acl> acl, CreateMode mode, long ttlMs)
      implements Op {
    public Create {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(mode, "mode");
      acl = List.copyOf(acl);
      data = data == null ? null : data.clone();
    }

    /** A create without TTL. */
    public Create(String path, byte[] data, List<Acl> acl, CreateMode mode) {
      this(path, data, acl, mode, 0);
    }

    @Override
    public byte[] data() {
      return data == null ? null : data.clone();
    }
  }

  /**
   * Deletes a node if its version matches ({@code -1} matches any).
   *
   * @param path the node
   * @param version the expected data version, or -1
   */
  record Delete(String path, int version) implements Op {
    public Delete {
      Objects.requireNonNull(path, "path");
    }
  }

  /**
   * Sets a node's data if its version matches ({@code -1} matches any).
   *
   * @param path the node
   * @param data the new data
   * @param version the expected data version, or -1
   */
  record SetData(String path, byte[] data, int version) implements Op {
    public SetData {
      Objects.requireNonNull(path, "path");
      data = data == null ? null : data.clone();
    }

    @Override
    public byte[] data() {
      return data == null ? null : data.clone();
    }
  }

  /**
   * Fails the multi unless the node exists with this version ({@code -1} matches any).
   *
   * @param path the node
   * @param version the expected data version, or -1
   */
  record Check(String path, int version) implements Op {
    public Check {
      Objects.requireNonNull(path, "path");
    }
  }

  /**
   * Reads a node's data (multiRead only).
   *
   * @param path the node
   */
  record GetData(String path) implements Op {
    public GetData {
      Objects.requireNonNull(path, "path");
    }
  }

  /**
   * Lists a node's children (multiRead only).
   *
   * @param path the node
   */
  record GetChildren(String path) implements Op {
    public GetChildren {
      Objects.requireNonNull(path, "path");
    }
  }
}
