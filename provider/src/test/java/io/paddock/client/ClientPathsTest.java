package io.paddock.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Client-side path validation. Pure. */
class ClientPathsTest {
  @ParameterizedTest
  @ValueSource(strings = {"/", "/a", "/a/b", "/a.b", "/..a", "/a/...", "/ü/日本", "/a b", "/-_:"})
  void acceptsValidPaths(String path) {
    assertThat(ClientPaths.problem(path, false)).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "a",
        "a/b",
        "/a/",
        "//",
        "/a//b",
        "/.",
        "/a/.",
        "/..",
        "/a/../b",
        "/\u0000",
        "/a\u001f",
        "/\u007f",
        "/\u009f",
        "/\ud800",
        "/\uf8ff",
        "/\ufff0",
        "/\uffff"
      })
  void rejectsInvalidPaths(String path) {
    assertThat(ClientPaths.problem(path, false)).isNotNull();
  }

  @Test
  void sequentialAllowsATrailingSlash() {
    assertThat(ClientPaths.problem("/q/", true)).isNull();
    assertThat(ClientPaths.problem("/", true)).isNull();
    assertThat(ClientPaths.problem("/q//", true)).isNotNull();
    assertThat(ClientPaths.problem(null, true)).isEqualTo("path is null");
  }

  @Test
  void validateNamesThePathAndTheProblem() {
    assertThatThrownBy(() -> ClientPaths.validate("/a/../b", false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/a/../b")
        .hasMessageContaining("relative segment '..'");
    assertThatThrownBy(() -> ClientPaths.validate("/a\u0001", false))
        .hasMessageContaining("U+0001");
  }
}
