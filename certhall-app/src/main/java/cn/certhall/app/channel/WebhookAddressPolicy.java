package cn.certhall.app.channel;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * Where webhooks may go. In production mode a CA administrator's webhook URL must not reach this
 * host, the CA's internal network or a cloud's metadata service (a blind SSRF): addresses that are
 * not public unicast are refused, unless {@code certhall.channel.webhook.allowed-hosts} names the
 * host or a CIDR range holding the address. Checked twice: when the URL is saved (every address the
 * name resolves to), and on every delivery by the HTTP client's DNS resolver ({@link #resolver()}),
 * which only hands the client addresses that pass, so the address connected to is always one that
 * was checked, whatever the DNS answers by then. In demo mode every address is allowed (the
 * sandbox's channel receiver is on this host).
 */
public final class WebhookAddressPolicy {
  /**
   * Not public unicast: this network, private (RFC 1918), shared (CGNAT), loopback, link-local
   * (with 169.254.169.254), IETF and documentation ranges, benchmarking, multicast, reserved; for
   * IPv6 unspecified, loopback and IPv4-compatible (::/96), NAT64, discard, IETF/Teredo,
   * documentation, 6to4, unique local (fc00::/7), link-local (fe80::/10), site-local, multicast.
   */
  static final List<String> NOT_PUBLIC =
      List.of(
          "0.0.0.0/8",
          "10.0.0.0/8",
          "100.64.0.0/10",
          "127.0.0.0/8",
          "169.254.0.0/16",
          "172.16.0.0/12",
          "192.0.0.0/24",
          "192.0.2.0/24",
          "192.88.99.0/24",
          "192.168.0.0/16",
          "198.18.0.0/15",
          "198.51.100.0/24",
          "203.0.113.0/24",
          "224.0.0.0/4",
          "240.0.0.0/4",
          "::/96",
          "64:ff9b::/96",
          "64:ff9b:1::/48",
          "100::/64",
          "2001::/23",
          "2001:db8::/32",
          "2002::/16",
          "fc00::/7",
          "fe80::/10",
          "fec0::/10",
          "ff00::/8");

  private static final List<IpAddressMatcher> NOT_PUBLIC_MATCHERS =
      NOT_PUBLIC.stream().map(IpAddressMatcher::new).toList();

  private final boolean enforced;
  private final Set<String> allowedHosts;
  private final List<IpAddressMatcher> allowedRanges;

  /**
   * @param enforced whether to check (production mode)
   * @param allowed host names and CIDR ranges (or single addresses) webhooks may reach although
   *     they are not public
   */
  public WebhookAddressPolicy(boolean enforced, List<String> allowed) {
    this.enforced = enforced;
    List<String> entries =
        allowed == null
            ? List.of()
            : allowed.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    this.allowedHosts =
        entries.stream()
            .filter(e -> !isAddressOrRange(e))
            .map(e -> e.toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());
    this.allowedRanges =
        entries.stream()
            .filter(WebhookAddressPolicy::isAddressOrRange)
            .map(IpAddressMatcher::new)
            .toList();
  }

  /** A URL's host was refused; {@link #unresolved} when its name did not resolve. */
  public static final class Refused extends IllegalArgumentException {
    private final boolean unresolved;

    Refused(String message, boolean unresolved) {
      super(message);
      this.unresolved = unresolved;
    }

    public boolean unresolved() {
      return unresolved;
    }
  }

  /**
   * Checks the URL's host when it is saved.
   *
   * @throws Refused if, in production mode, it does not resolve or one of its addresses is not
   *     allowed
   */
  public void check(URI url) {
    if (!enforced || allowedHosts.contains(bare(url.getHost()))) {
      return;
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(bare(url.getHost()));
    } catch (UnknownHostException e) {
      throw new Refused("webhook host " + url.getHost() + " does not resolve", true);
    }
    for (InetAddress address : addresses) {
      if (!permits(address)) {
        throw new Refused(
            "webhook host "
                + url.getHost()
                + " has the address "
                + address.getHostAddress()
                + ", which is not public",
            false);
      }
    }
  }

  /** Whether a webhook may connect to this address. */
  public boolean permits(InetAddress address) {
    if (!enforced) {
      return true;
    }
    String literal = normalized(address).getHostAddress();
    if (allowedRanges.stream().anyMatch(m -> m.matches(literal))) {
      return true;
    }
    return NOT_PUBLIC_MATCHERS.stream().noneMatch(m -> m.matches(literal));
  }

  /**
   * The delivery's DNS resolver: the system's answers, less the addresses not allowed; none left
   * fails the attempt before any connection is made.
   */
  public DnsResolver resolver() {
    return new SystemDefaultDnsResolver() {
      @Override
      public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] all = super.resolve(bare(host));
        if (!enforced || allowedHosts.contains(bare(host))) {
          return all;
        }
        List<InetAddress> permitted = new ArrayList<>();
        for (InetAddress a : all) {
          if (permits(a)) {
            permitted.add(a);
          }
        }
        if (permitted.isEmpty()) {
          throw new UnknownHostException(
              host
                  + " refused: its addresses "
                  + Arrays.stream(all)
                      .map(InetAddress::getHostAddress)
                      .collect(Collectors.joining(", "))
                  + " are not public (certhall.channel.webhook.allowed-hosts)");
        }
        return permitted.toArray(InetAddress[]::new);
      }
    };
  }

  /** An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is the IPv4 address it maps. */
  private static InetAddress normalized(InetAddress address) {
    if (address instanceof Inet6Address) {
      byte[] b = address.getAddress();
      boolean mapped = b[10] == (byte) 0xff && b[11] == (byte) 0xff;
      for (int i = 0; i < 10 && mapped; i++) {
        mapped = b[i] == 0;
      }
      if (mapped) {
        try {
          return InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
        } catch (UnknownHostException cannotHappen) {
          throw new IllegalStateException(cannotHappen);
        }
      }
    }
    return address;
  }

  private static String bare(String host) {
    String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
    return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
  }

  private static boolean isAddressOrRange(String entry) {
    return entry.contains(":") || entry.matches("[0-9./]+");
  }
}
