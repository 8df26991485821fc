package io.paddock.acl;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DigestsTest {

  @ParameterizedTest
  @CsvSource({"bob,pw", "super,adminsecret", "user,p:a:ss", "ünï,çødé", "'',''", "x,''"})
  void digestMatchesZooKeepersGenerateDigest(String user, String password) throws Exception {
    assertThat(Digests.digest(user, password))
        .isEqualTo(DigestAuthenticationProvider.generateDigest(user + ":" + password));
  }

  @ParameterizedTest
  @ValueSource(strings = {"nocolon", "a:b:c", ":", "::", "bob:"})
  void digestOfOddTextMatchesZooKeeper(String idPassword) throws Exception {
    assertThat(Digests.digestOf(idPassword))
        .isEqualTo(DigestAuthenticationProvider.generateDigest(idPassword));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "bob:hash",
        ":hash",
        "bob:hash:",
        "bob:hash::",
        "bob:",
        "a:b:c",
        ":",
        "::",
        "",
        "bob",
        "bob::x"
      })
  void idValidityMatchesZooKeeper(String id) {
    assertThat(Digests.isValidId(id)).isEqualTo(new DigestAuthenticationProvider().isValid(id));
  }

  @org.junit.jupiter.api.Test
  void knownValue() {
    // From a real ZooKeeper 3.9.5 session: addauth digest bob:pw, then getACL on an auth node.
    assertThat(Digests.digest("bob", "pw")).isEqualTo("bob:ikIaKsbtGweaHnb/jKn7OHqbunM=");
  }
}
