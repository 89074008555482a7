package cn.certhall.app.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which addresses a webhook may reach in production mode (the ranges; the app test attacks). */
class WebhookAddressPolicyTest {
  final WebhookAddressPolicy production =
      new WebhookAddressPolicy(
          true, List.of("10.8.0.0/16", "hooks.internal.example", "fd00:8::/32"));

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1", "127.1.2.3", "0.0.0.0", "10.0.0.1", "172.16.0.1", "172.31.255.255",
        "192.168.0.1", "169.254.169.254", "100.64.0.1", "192.0.2.1", "198.18.0.1", "224.0.0.1",
        "255.255.255.255", "::", "::1", "::7f00:1", "64:ff9b::a9fe:a9fe", "2001:db8::1",
        "2002:a9fe:a9fe::1", "2001:0:4136:e378::1", "fc00::1", "fdff::1", "fe80::1", "fec0::1",
        "ff02::1"
      })
  void addresses_that_are_not_public_are_refused(String literal) throws UnknownHostException {
    assertThat(production.permits(InetAddress.getByName(literal))).as(literal).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "2606:4700:4700::1111"})
  void public_addresses_pass(String literal) throws UnknownHostException {
    assertThat(production.permits(InetAddress.getByName(literal))).as(literal).isTrue();
  }

  @Test
  void an_ipv4_mapped_ipv6_address_is_checked_as_the_ipv4_address() throws UnknownHostException {
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xff;
    mapped[11] = (byte) 0xff;
    mapped[12] = (byte) 169;
    mapped[13] = (byte) 254;
    mapped[14] = (byte) 169;
    mapped[15] = (byte) 254;
    assertThat(production.permits(Inet6Address.getByAddress(null, mapped, -1))).isFalse();
  }

  @Test
  void allowed_ranges_and_hosts_pass_and_nothing_else_near_them() throws Exception {
    assertThat(production.permits(InetAddress.getByName("10.8.1.2"))).isTrue();
    assertThat(production.permits(InetAddress.getByName("10.9.0.1"))).isFalse();
    assertThat(production.permits(InetAddress.getByName("fd00:8::5"))).isTrue();
    assertThat(production.permits(InetAddress.getByName("fd00:9::5"))).isFalse();
    production.check(URI.create("https://HOOKS.internal.example/x"));
    production.check(URI.create("http://10.8.0.9:8080/x"));
  }

  @Test
  void saving_refuses_internal_and_unresolvable_hosts() {
    assertThatThrownBy(() -> production.check(URI.create("http://[::1]:8080/x")))
        .isInstanceOfSatisfying(
            WebhookAddressPolicy.Refused.class, r -> assertThat(r.unresolved()).isFalse());
    assertThatThrownBy(() -> production.check(URI.create("http://no-such-host.invalid/x")))
        .isInstanceOfSatisfying(
            WebhookAddressPolicy.Refused.class, r -> assertThat(r.unresolved()).isTrue());
  }

  @Test
  void the_delivery_resolver_hands_out_no_internal_address() throws Exception {
    assertThatThrownBy(() -> production.resolver().resolve("169.254.169.254"))
        .isInstanceOf(UnknownHostException.class)
        .hasMessageContaining("not public");
    assertThat(production.resolver().resolve("10.8.0.7"))
        .containsExactly(InetAddress.getByName("10.8.0.7"));
  }

  @Test
  void the_demo_checks_nothing() throws Exception {
    WebhookAddressPolicy demo = new WebhookAddressPolicy(false, List.of());
    assertThat(demo.permits(InetAddress.getByName("127.0.0.1"))).isTrue();
    demo.check(URI.create("http://127.0.0.1:8080/sandbox/channel/demo"));
    assertThat(demo.resolver().resolve("127.0.0.1")).hasSize(1);
  }
}
