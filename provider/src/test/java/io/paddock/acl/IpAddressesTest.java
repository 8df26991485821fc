package io.paddock.acl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "10.0.0.1",
        "0.0.0.0",
        "255.255.255.255",
        "10.0.0.0/8",
        "10.1.2.3/0",
        "10.1.2.3/32",
        "::1",
        "::",
        "::/0",
        "2001:db8::/32",
        "2001:db8:0:0:0:0:0:1/64",
        "fe80::1:2",
        "1::",
        "::ffff:10.0.0.1",
        "1:2:3:4:5:6:7:8/128",
        "1:2:3:4:5:6:1.2.3.4"
      })
  void validAclIds(String id) {
    assertThat(IpAddresses.isValidAclId(id)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "localhost",
        "10.0.0",
        "10.0.0.256",
        "10.0.0.1.2",
        "10..0.1",
        "10.0.0.1/33",
        "10.0.0.1/-1",
        "10.0.0.1/",
        "10.0.0.1/x",
        "::1/129",
        "1:2:3:4:5:6:7:8:9",
        "1::2::3",
        "12345::",
        "g::1",
        ":1",
        "1:",
        "1:2:3:4:5:6:7::8",
        "1.2.3.4::",
        "１.2.3.4"
      })
  void invalidAclIds(String id) {
    assertThat(IpAddresses.isValidAclId(id)).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "10.0.0.0/8, 10.200.3.4, true",
    "10.0.0.0/8, 11.0.0.1, false",
    "10.1.2.3/8, 10.9.9.9, true",
    "192.168.1.0/25, 192.168.1.127, true",
    "192.168.1.0/25, 192.168.1.128, false",
    "127.0.0.1, 127.0.0.1, true",
    "127.0.0.1, 127.0.0.2, false",
    "0.0.0.0/0, 8.8.8.8, true",
    "2001:db8::/32, 2001:db8:ffff::1, true",
    "2001:db8::/32, 2001:db9::1, false",
    "::1, 0:0:0:0:0:0:0:1, true",
    "::1, 0:0:0:0:0:0:0:1%lo, true",
    "::/0, 127.0.0.1, false",
    "0.0.0.0/0, ::1, false",
    "10.0.0.0/8, not-an-address, false",
    "bogus, 10.0.0.1, false"
  })
  void matches(String aclId, String address, boolean expected) {
    assertThat(IpAddresses.matches(aclId, address)).isEqualTo(expected);
  }

  @Test
  void parsesToBytes() {
    assertThat(IpAddresses.parse("1.2.3.4")).containsExactly(1, 2, 3, 4);
    assertThat(IpAddresses.parse("::ffff:1.2.3.4"))
        .containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 1, 2, 3, 4);
    assertThat(IpAddresses.parse("fe80::a:B"))
        .containsExactly(0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x0a, 0, 0x0b);
  }
}
