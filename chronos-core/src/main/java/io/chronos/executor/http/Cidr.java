package io.chronos.executor.http;

import java.net.Inet4Address;
import java.net.InetAddress;

/** A block of IPv4 or IPv6 addresses, such as {@code 10.0.0.0/8} or {@code fc00::/7}. */
final class Cidr {
  private final byte[] network;
  private final int prefix;
  private final String text;

  private Cidr(byte[] network, int prefix, String text) {
    this.network = network;
    this.prefix = prefix;
    this.text = text;
  }

  /**
   * Parses {@code address/prefix}, or a single address ({@code /32} or {@code /128}). An
   * IPv4-mapped IPv6 block ({@code ::ffff:10.0.0.0/104}) is read as the IPv4 block it maps.
   *
   * @throws IllegalArgumentException when the text is not an IP literal with a valid prefix
   */
  static Cidr parse(String text) {
    String trimmed = text.strip();
    int slash = trimmed.indexOf('/');
    String addressPart = slash < 0 ? trimmed : trimmed.substring(0, slash);
    InetAddress address =
        IpLiterals.parse(IpLiterals.normalise(addressPart))
            .orElseThrow(
                () -> new IllegalArgumentException("'" + text + "' is not an IP address or CIDR"));
    byte[] bytes = address.getAddress();
    int bits = bytes.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(trimmed.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + text + "' has no valid prefix length", e);
      }
      if (address instanceof Inet4Address && addressPart.contains(":")) {
        prefix -= 96; // an IPv4-mapped block, which the JDK parses as IPv4
      }
      if (prefix < 0 || prefix > bits) {
        throw new IllegalArgumentException("'" + text + "' has no valid prefix length");
      }
    }
    return new Cidr(bytes, prefix, trimmed);
  }

  boolean contains(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (bytes.length != network.length) {
      return false;
    }
    int full = prefix / 8;
    for (int i = 0; i < full; i++) {
      if (bytes[i] != network[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (bytes[full] & mask) == (network[full] & mask);
  }

  @Override
  public String toString() {
    return text;
  }
}
