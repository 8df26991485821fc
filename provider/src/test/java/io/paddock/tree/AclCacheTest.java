package io.paddock.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paddock.api.Acl;
import io.paddock.api.Id;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AclCacheTest {
  private static final List<Acl> READ_ONLY = List.of(new Acl(1, new Id("world", "anyone")));

  @Test
  void equalListsShareOneInstanceUntilTheLastReferenceGoes() {
    AclCache cache = new AclCache();
    List<Acl> shared = cache.acquire(new ArrayList<>(Acl.OPEN_ACL_UNSAFE));
    assertThat(cache.acquire(shared)).isSameAs(shared); // the shared instance itself
    assertThat(cache.acquire(new ArrayList<>(Acl.OPEN_ACL_UNSAFE))).isSameAs(shared);
    assertThat(cache.acquire(READ_ONLY)).isNotSameAs(shared);
    assertThat(cache.acquire(shared)).isSameAs(shared); // after another ACL in between
    assertThat(cache.size()).isEqualTo(2);
    for (int i = 0; i < 4; i++) {
      cache.release(shared);
    }
    assertThat(cache.size()).isEqualTo(1);
    assertThatThrownBy(() -> cache.release(shared)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anInstanceWhoseEntryWasDroppedIsInternedAgain() {
    AclCache cache = new AclCache();
    List<Acl> first = cache.acquire(READ_ONLY);
    cache.release(first);
    assertThat(cache.size()).isZero();
    // the last entry seen had no references left: acquiring the same instance must count again
    assertThat(cache.acquire(first)).isEqualTo(READ_ONLY);
    assertThat(cache.size()).isEqualTo(1);
    cache.release(first);
    assertThat(cache.size()).isZero();
    assertThatThrownBy(() -> cache.release(first)).isInstanceOf(IllegalStateException.class);
  }
}
