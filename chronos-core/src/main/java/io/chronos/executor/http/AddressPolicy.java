package io.chronos.executor.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The SSRF guard: which addresses a guarded request may connect to. The host is resolved once and
 * every address it resolves to is checked against the deny list (loopback, private, link-local,
 * CGNAT, multicast, reserved and the IPv6 equivalents); one denied address refuses the host. The
 * allow list (exact host names, or IP addresses and CIDR blocks) overrides the deny list. The
 * caller connects to the returned address, so the address checked is the address used.
 */
final class AddressPolicy {

  /** Resolves a host name to its addresses; the system resolver, or a stub in tests. */
  @FunctionalInterface
  interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  static final Resolver SYSTEM_RESOLVER = InetAddress::getAllByName;

  private record Denied(Cidr block, String reason) {}

  private static final List<Denied> DENIED =
      List.of(
          deny("0.0.0.0/8", "'this network'"),
          deny("10.0.0.0/8", "private"),
          deny("100.64.0.0/10", "carrier-grade NAT"),
          deny("127.0.0.0/8", "loopback"),
          deny("169.254.0.0/16", "link-local (cloud metadata)"),
          deny("172.16.0.0/12", "private"),
          deny("192.0.0.0/24", "IETF protocol assignments"),
          deny("192.0.2.0/24", "documentation"),
          deny("192.168.0.0/16", "private"),
          deny("198.18.0.0/15", "benchmarking"),
          deny("198.51.100.0/24", "documentation"),
          deny("203.0.113.0/24", "documentation"),
          deny("224.0.0.0/4", "multicast"),
          deny("240.0.0.0/4", "reserved or broadcast"),
          deny("::/128", "unspecified"),
          deny("::1/128", "loopback"),
          deny("::/96", "IPv4-compatible IPv6"),
          deny("64:ff9b::/96", "NAT64"),
          deny("100::/64", "discard"),
          deny("2001:db8::/32", "documentation"),
          deny("2002::/16", "6to4"),
          deny("fc00::/7", "unique local (private)"),
          deny("fe80::/10", "link-local"),
          deny("fec0::/10", "site-local"),
          deny("ff00::/8", "multicast"));

  private static final Pattern HOST_NAME =
      Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

  private final Set<String> allowedHosts;
  private final List<Cidr> allowedBlocks;
  private final Resolver resolver;

  /**
   * @param allowList exact host names, IP addresses or CIDR blocks that bypass the deny list
   * @throws IllegalArgumentException naming an entry that is none of these
   */
  AddressPolicy(List<String> allowList, Resolver resolver) {
    Set<String> hosts = new LinkedHashSet<>();
    List<Cidr> blocks = new ArrayList<>();
    for (String entry : allowList) {
      parseEntry(entry, hosts, blocks);
    }
    this.allowedHosts = Set.copyOf(hosts);
    this.allowedBlocks = List.copyOf(blocks);
    this.resolver = resolver;
  }

  /** Checks allow-list entries, throwing IllegalArgumentException naming a bad one. */
  static void checkAllowList(List<String> allowList) {
    new AddressPolicy(allowList, SYSTEM_RESOLVER);
  }

  private static void parseEntry(String entry, Set<String> hosts, List<Cidr> blocks) {
    if (entry == null || entry.isBlank()) {
      throw new IllegalArgumentException("allow-list entries must not be blank");
    }
    String normalised = IpLiterals.normalise(entry.strip());
    if (normalised.contains("/") || normalised.contains(":")) {
      blocks.add(Cidr.parse(entry));
    } else if (IpLiterals.parse(normalised).isPresent()) {
      blocks.add(Cidr.parse(normalised));
    } else if (HOST_NAME.matcher(normalised).matches()
        && !IpLiterals.isAmbiguousNumeric(normalised)) {
      hosts.add(normalised);
    } else {
      throw new IllegalArgumentException(
          "allow-list entry '" + entry + "' is not a host name, an IP address or a CIDR block");
    }
  }

  /**
   * Resolves the host of a URI once and checks every address.
   *
   * @param uriHost the host as the URI has it (IPv6 in brackets)
   * @return the address to connect to
   * @throws BlockedAddressException when the host or one of its addresses is refused
   * @throws UnknownHostException when the name does not resolve
   */
  InetAddress check(String uriHost) throws BlockedAddressException, UnknownHostException {
    String host = IpLiterals.normalise(uriHost);
    if (host.isEmpty()) {
      throw new BlockedAddressException("the URL has no host");
    }
    if (host.contains("%")) {
      throw new BlockedAddressException("host '" + uriHost + "' has an IPv6 zone id");
    }
    if (IpLiterals.isAmbiguousNumeric(host)) {
      throw new BlockedAddressException(
          "host '" + uriHost + "' is a numeric address in an ambiguous form; write a.b.c.d");
    }
    Optional<InetAddress> literal;
    try {
      literal = IpLiterals.parse(host);
    } catch (IllegalArgumentException e) {
      throw new BlockedAddressException(e.getMessage());
    }
    if (literal.isPresent() && host.contains(":") && literal.get() instanceof Inet4Address) {
      if (!allowedBlocks.stream().anyMatch(b -> b.contains(literal.get()))) {
        throw new BlockedAddressException(
            "host '" + uriHost + "' is an IPv4-mapped IPv6 address; write the IPv4 address");
      }
    }
    boolean hostAllowed = literal.isEmpty() && allowedHosts.contains(host);
    InetAddress[] addresses =
        literal.isPresent() ? new InetAddress[] {literal.get()} : resolver.resolve(host);
    if (addresses.length == 0) {
      throw new UnknownHostException(host);
    }
    if (!hostAllowed) {
      for (InetAddress address : addresses) {
        Optional<String> reason = deniedReason(address);
        if (reason.isPresent() && allowedBlocks.stream().noneMatch(b -> b.contains(address))) {
          throw new BlockedAddressException(
              (literal.isPresent()
                      ? "address " + IpLiterals.uriLiteral(address) + " is refused ("
                      : "host '"
                          + host
                          + "' resolves to "
                          + IpLiterals.uriLiteral(address)
                          + ", which is refused (")
                  + reason.get()
                  + ")");
        }
      }
    }
    return addresses[0];
  }

  /** Why an address is denied, or empty when it is a public unicast address. */
  static Optional<String> deniedReason(InetAddress address) {
    if (address instanceof Inet6Address v6 && isMapped(v6.getAddress())) {
      return Optional.of("IPv4-mapped IPv6");
    }
    for (Denied denied : DENIED) {
      if (denied.block().contains(address)) {
        return Optional.of(denied.reason());
      }
    }
    if (address.isAnyLocalAddress()
        || address.isLoopbackAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return Optional.of("local");
    }
    return Optional.empty();
  }

  private static boolean isMapped(byte[] bytes) {
    for (int i = 0; i < 10; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
  }

  private static Denied deny(String cidr, String reason) {
    return new Denied(Cidr.parse(cidr), reason);
  }
}
