package io.chronos.executor.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How the HTTP executor behaves on this node. Immutable; start from {@link #defaults()} or {@link
 * #builder()}, each builder method checks its argument.
 *
 * @param ssrfProtectionForAdminJobs whether jobs owned by ADMINs (and system jobs) are held to the
 *     SSRF deny list too; jobs owned by USERs always are. Default false: admins may call internal
 *     services, such as the host application itself
 * @param allowList exact host names, IP addresses and CIDR blocks ({@code 10.1.0.0/16}) that
 *     guarded jobs may reach although the deny list refuses them; default empty
 * @param defaultConnectTimeout the connect timeout of a payload without one (default 10 s)
 * @param defaultRequestTimeout the request timeout of a payload without one (default 30 s)
 * @param maxRedirects how many redirects a payload that follows them may take (0 to 10, default 5)
 * @param excerptBytes how much of the start of a response body the run log shows, in characters (0
 *     to 65536, default 2048)
 */
public record HttpExecutorSettings(
    boolean ssrfProtectionForAdminJobs,
    List<String> allowList,
    Duration defaultConnectTimeout,
    Duration defaultRequestTimeout,
    int maxRedirects,
    int excerptBytes) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
  public static final int DEFAULT_MAX_REDIRECTS = 5;
  public static final int DEFAULT_EXCERPT_BYTES = 2048;

  /** The longest connect timeout a payload or the settings may ask for. */
  public static final Duration MAX_CONNECT_TIMEOUT = Duration.ofMinutes(5);

  /** The longest request timeout a payload or the settings may ask for. */
  public static final Duration MAX_REQUEST_TIMEOUT = Duration.ofHours(1);

  static final int MAX_REDIRECTS_LIMIT = 10;
  static final int MAX_EXCERPT_BYTES = 65_536;

  public HttpExecutorSettings {
    allowList = List.copyOf(Objects.requireNonNull(allowList, "allowList"));
    AddressPolicy.checkAllowList(allowList);
    checkTimeout("defaultConnectTimeout", defaultConnectTimeout, MAX_CONNECT_TIMEOUT);
    checkTimeout("defaultRequestTimeout", defaultRequestTimeout, MAX_REQUEST_TIMEOUT);
    checkRange("maxRedirects", maxRedirects, MAX_REDIRECTS_LIMIT);
    checkRange("excerptBytes", excerptBytes, MAX_EXCERPT_BYTES);
  }

  /** The defaults: SSRF protection for USER jobs only, no allow list, 10 s / 30 s, 5, 2 KB. */
  public static HttpExecutorSettings defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder pre-filled with these settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.ssrfProtectionForAdminJobs = ssrfProtectionForAdminJobs;
    b.allowList.addAll(allowList);
    b.defaultConnectTimeout = defaultConnectTimeout;
    b.defaultRequestTimeout = defaultRequestTimeout;
    b.maxRedirects = maxRedirects;
    b.excerptBytes = excerptBytes;
    return b;
  }

  private static void checkRange(String name, int value, int max) {
    if (value < 0 || value > max) {
      throw new IllegalArgumentException(name + " must be 0 to " + max + ", was " + value);
    }
  }

  private static void checkTimeout(String name, Duration value, Duration max) {
    if (value == null || value.isZero() || value.isNegative() || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(
          name + " must be positive and at most " + max + ", was " + value);
    }
  }

  /** Builds {@link HttpExecutorSettings}. */
  public static final class Builder {
    private boolean ssrfProtectionForAdminJobs;
    private final List<String> allowList = new ArrayList<>();
    private Duration defaultConnectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration defaultRequestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private int maxRedirects = DEFAULT_MAX_REDIRECTS;
    private int excerptBytes = DEFAULT_EXCERPT_BYTES;

    private Builder() {}

    /** Holds ADMIN-owned and system jobs to the SSRF deny list too (default false). */
    public Builder ssrfProtectionForAdminJobs(boolean enabled) {
      this.ssrfProtectionForAdminJobs = enabled;
      return this;
    }

    /** Lets guarded jobs reach these hosts, addresses or CIDR blocks. */
    public Builder allow(String... entries) {
      List<String> added = List.of(entries);
      AddressPolicy.checkAllowList(added);
      allowList.addAll(added);
      return this;
    }

    /** Replaces the allow list. */
    public Builder allowList(List<String> entries) {
      AddressPolicy.checkAllowList(entries);
      allowList.clear();
      allowList.addAll(entries);
      return this;
    }

    public Builder defaultConnectTimeout(Duration timeout) {
      checkTimeout("defaultConnectTimeout", timeout, MAX_CONNECT_TIMEOUT);
      this.defaultConnectTimeout = timeout;
      return this;
    }

    public Builder defaultRequestTimeout(Duration timeout) {
      checkTimeout("defaultRequestTimeout", timeout, MAX_REQUEST_TIMEOUT);
      this.defaultRequestTimeout = timeout;
      return this;
    }

    public Builder maxRedirects(int maxRedirects) {
      checkRange("maxRedirects", maxRedirects, MAX_REDIRECTS_LIMIT);
      this.maxRedirects = maxRedirects;
      return this;
    }

    public Builder excerptBytes(int excerptBytes) {
      checkRange("excerptBytes", excerptBytes, MAX_EXCERPT_BYTES);
      this.excerptBytes = excerptBytes;
      return this;
    }

    public HttpExecutorSettings build() {
      return new HttpExecutorSettings(
          ssrfProtectionForAdminJobs,
          allowList,
          defaultConnectTimeout,
          defaultRequestTimeout,
          maxRedirects,
          excerptBytes);
    }
  }
}
