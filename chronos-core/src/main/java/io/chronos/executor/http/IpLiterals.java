package io.chronos.executor.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IP address literals in host names, read strictly: only the canonical dotted quad is an IPv4
 * literal. Other numeric forms ({@code 127.1}, {@code 0x7f000001}, {@code 2130706433}, {@code
 * 0177.0.0.1}) mean different addresses to different parsers (the JDK reads {@code 0177} as 177,
 * curl and browsers as 127), so they are refused rather than guessed.
 */
final class IpLiterals {
  private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
  private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
  private static final Pattern NUMERIC_LABEL = Pattern.compile("0x[0-9a-f]*|\\d+");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]+");

  private IpLiterals() {}

  /** A URI's host as compared and resolved: without brackets and trailing dot, lower case. */
  static String normalise(String uriHost) {
    String host = uriHost.toLowerCase(Locale.ROOT);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    while (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    return host;
  }

  /**
   * True when a (normalised) host ends in a number but is not a canonical dotted quad: a numeric
   * encoding of an address that parsers disagree on.
   */
  static boolean isAmbiguousNumeric(String host) {
    if (host.contains(":") || IPV4.matcher(host).matches()) {
      return false;
    }
    String last = host.substring(host.lastIndexOf('.') + 1);
    return NUMERIC_LABEL.matcher(last).matches();
  }

  /**
   * The address of a (normalised) host that is an IP literal, parsed without any name lookup; empty
   * for a host name.
   *
   * @throws IllegalArgumentException for a malformed IPv6 literal or one with a zone id
   */
  static Optional<InetAddress> parse(String host) {
    try {
      if (IPV4.matcher(host).matches()) {
        String[] parts = host.split("\\.");
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
          bytes[i] = (byte) Integer.parseInt(parts[i]);
        }
        return Optional.of(InetAddress.getByAddress(bytes));
      }
      if (host.contains(":")) {
        if (!IPV6.matcher(host).matches()) {
          throw new IllegalArgumentException("'" + host + "' is not a plain IPv6 address");
        }
        // A literal with a colon is parsed, never looked up.
        return Optional.of(InetAddress.getByName(host));
      }
      return Optional.empty();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + host + "' is not a valid IP address", e);
    }
  }

  /** An address as written in a URI: IPv6 in brackets, without a zone id. */
  static String uriLiteral(InetAddress address) {
    String text = address.getHostAddress();
    int zone = text.indexOf('%');
    if (zone >= 0) {
      text = text.substring(0, zone);
    }
    return text.contains(":") ? "[" + text + "]" : text;
  }
}
