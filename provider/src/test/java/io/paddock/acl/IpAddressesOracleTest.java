package io.paddock.acl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.zookeeper.server.auth.IPAuthenticationProvider;
import org.junit.jupiter.api.Test;

/** Our ip scheme against ZooKeeper 3.9.5's IPAuthenticationProvider (test-scope oracle). */
class IpAddressesOracleTest {
  private static final List<String> ACL_IDS =
      List.of(
          "10.0.0.0/8",
          "10.1.2.3/8",
          "10.1.2.3/32",
          "10.1.2.3/0",
          "192.168.1.0/25",
          "127.0.0.1",
          "10.0.0.256",
          "10.0.0",
          "10.0.0.1/33",
          "localhost",
          "::1",
          "::1/128",
          "2001:db8::/32",
          "2001:db8:0:0:0:0:0:1/64",
          "fe80::/10",
          "::/0",
          "::1/129");
  private static final List<String> ADDRESSES =
      List.of(
          "10.200.3.4",
          "10.1.2.3",
          "11.0.0.1",
          "192.168.1.127",
          "192.168.1.128",
          "127.0.0.1",
          "0:0:0:0:0:0:0:1",
          "2001:db8:ffff:0:0:0:0:1",
          "2001:db9:0:0:0:0:0:1",
          "fe80:0:0:0:0:0:0:2");

  @Test
  void validityAndMatchingAgree() {
    IPAuthenticationProvider zk = new IPAuthenticationProvider();
    for (String aclId : ACL_IDS) {
      assertThat(IpAddresses.isValidAclId(aclId)).as(aclId).isEqualTo(zk.isValid(aclId));
      for (String address : ADDRESSES) {
        assertThat(IpAddresses.matches(aclId, address))
            .as("%s in %s", address, aclId)
            .isEqualTo(zk.matches(address, aclId));
      }
    }
  }
}
