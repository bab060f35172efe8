package io.chronos.executor.http;

/** A request refused by the SSRF protection before any connection was made. */
final class BlockedAddressException extends Exception {
  private static final long serialVersionUID = 1L;

  BlockedAddressException(String message) {
    super(message);
  }
}
