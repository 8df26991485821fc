package io.paddock.acl;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.api.ErrorCode;
import io.paddock.api.Id;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthenticationTest {
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void digestGrantsTheDigestId() {
    AuthResult r = new Authentication(null).authenticate("digest", utf8("bob:pw"), "10.0.0.1");
    assertThat(r.error()).isEqualTo(ErrorCode.OK);
    assertThat(r.ids()).containsExactly(new Id("digest", "bob:ikIaKsbtGweaHnb/jKn7OHqbunM="));
  }

  @Test
  void superDigestAlsoGrantsSuper() {
    Authentication auth = new Authentication(Digests.digest("super", "secret"));
    AuthResult r = auth.authenticate("digest", utf8("super:secret"), "10.0.0.1");
    assertThat(r.ids())
        .containsExactly(new Id("super", ""), new Id("digest", Digests.digest("super", "secret")));
    AuthResult wrong = auth.authenticate("digest", utf8("super:guess"), "10.0.0.1");
    assertThat(wrong.ids()).containsExactly(new Id("digest", Digests.digest("super", "guess")));
  }

  @Test
  void ipGrantsTheRemoteAddress() {
    AuthResult r = new Authentication(null).authenticate("ip", utf8("ignored"), "10.0.0.7");
    assertThat(r.ids()).containsExactly(new Id("ip", "10.0.0.7"));
    assertThat(Authentication.ipId("::1")).isEqualTo(new Id("ip", "::1"));
  }

  @Test
  void unknownSchemesAndSuperFail() {
    Authentication auth = new Authentication(Digests.digest("super", "secret"));
    for (String scheme : List.of("super", "world", "auth", "sasl", "foo")) {
      AuthResult r = auth.authenticate(scheme, utf8("super:secret"), "10.0.0.1");
      assertThat(r.error()).as(scheme).isEqualTo(ErrorCode.AUTH_FAILED);
      assertThat(r.ids()).isEmpty();
    }
    assertThat(auth.authenticate("digest", null, "x").error()).isEqualTo(ErrorCode.AUTH_FAILED);
    byte[] huge = new byte[Authentication.AUTH_DATA_BYTES_MAX + 1];
    assertThat(auth.authenticate("digest", huge, "x").error()).isEqualTo(ErrorCode.AUTH_FAILED);
  }
}
