package io.paddock.api;

import java.util.Objects;

/**
 * An identity in an auth scheme: {@code world:anyone}, {@code digest:user:base64(sha1)}, {@code
 * ip:10.0.0.0/8}, {@code auth:}, {@code super:...}.
 *
 * @param scheme the auth scheme, for example {@code digest}
 * @param id the identity within that scheme
 */
public record Id(String scheme, String id) {
  /** Everyone. */
  public static final Id ANYONE = new Id("world", "anyone");

  /** Whoever the creating session authenticated as (expanded by the server). */
  public static final Id AUTH = new Id("auth", "");

  public Id {
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(id, "id");
  }

  @Override
  public String toString() {
    return scheme + ":" + id;
  }
}
