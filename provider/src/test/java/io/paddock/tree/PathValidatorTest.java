package io.paddock.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.apache.zookeeper.common.PathUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathValidatorTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/",
        "/a",
        "/a/b/c",
        "/zookeeper/quota",
        "/a.b",
        "/.a",
        "/a/...",
        "/..a",
        "/a b",
        "/é/ünïcødé",
        "/\u4e2d\u6587",
        "/\u00a0",
        "/\uf900",
        "/\uffef",
        "/-0000000001"
      })
  void validPaths(String path) {
    assertThat(PathValidator.invalidReason(path)).isNull();
    assertThat(PathValidator.isValid(path)).isTrue();
    assertThat(zooKeeperAccepts(path)).isTrue();
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
        "/..",
        "/a/./b",
        "/a/../b",
        "/a/..",
        "/a\u0000",
        "/\u0001",
        "/\u001f",
        "/\u007f",
        "/\u0080",
        "/\u009f",
        "/\ud800",
        "/\udfff",
        "/\ue000",
        "/\uf8ff",
        "/\ufff0",
        "/\uffff",
        "/\ud83d\ude00" // an emoji is a surrogate pair
      })
  void invalidPaths(String path) {
    assertThat(PathValidator.invalidReason(path)).isNotNull();
    assertThat(PathValidator.isValid(path)).isFalse();
    assertThat(zooKeeperAccepts(path)).isFalse();
  }

  @Test
  void nullIsInvalid() {
    assertThat(PathValidator.invalidReason(null)).isEqualTo("path is null");
    assertThat(PathValidator.invalidReason(null, true)).isEqualTo("path is null");
  }

  @Test
  void sequentialValidatesWithSuffix() {
    assertThat(PathValidator.invalidReason("/a/", true)).isNull();
    assertThat(PathValidator.invalidReason("/a/", false)).isNotNull();
    assertThat(PathValidator.invalidReason("/", true)).isNull();
    assertThat(PathValidator.invalidReason("/a/.", true)).isNull(); // becomes "/a/.0000000000"
    assertThat(PathValidator.invalidReason("/a//", true)).isNotNull();
  }

  @Test
  void agreesWithZooKeeperOnRandomPaths() {
    Random random = new Random(7);
    char[] alphabet = {
      '/', '/', '/', '.', '.', 'a', 'b', '\u0000', '\u0010', '\u0085', '\ud800', '\ufff5', '\u00e9',
      '-'
    };
    for (int i = 0; i < 50_000; i++) {
      int length = random.nextInt(8);
      StringBuilder sb = new StringBuilder();
      for (int j = 0; j < length; j++) {
        sb.append(alphabet[random.nextInt(alphabet.length)]);
      }
      String path = sb.toString();
      assertThat(PathValidator.isValid(path))
          .as("path %s", escaped(path))
          .isEqualTo(zooKeeperAccepts(path));
    }
  }

  private static boolean zooKeeperAccepts(String path) {
    try {
      PathUtils.validatePath(path);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String escaped(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      sb.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
    }
    return sb.toString();
  }
}
