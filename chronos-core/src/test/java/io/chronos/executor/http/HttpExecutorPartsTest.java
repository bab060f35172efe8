package io.chronos.executor.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The small parts of the HTTP executor: status lists, Retry-After, CIDRs, redaction, settings. */
class HttpExecutorPartsTest {
  private static final Charset UTF8 = StandardCharsets.UTF_8;

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "2xx; 200; true",
        "2xx; 299; true",
        "2xx; 300; false",
        "200,201,3xx; 201; true",
        "200,201,3xx; 302; true",
        "200,201,3xx; 202; false",
        "200-204, 404; 204; true",
        "200-204, 404; 404; true",
        "200-204, 404; 205; false",
        "2XX; 250; true"
      })
  void status_lists_match_codes_classes_and_ranges(String spec, int status, boolean matches) {
    assertThat(StatusMatcher.parse(spec).matches(status)).isEqualTo(matches);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "2x", "600", "99", "200-100", "200,,201", "abc", "6xx", "2xx;"})
  void bad_status_lists_are_refused(String spec) {
    assertThatThrownBy(() -> StatusMatcher.parse(spec))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void retry_after_reads_seconds_and_http_dates() {
    Instant now = Instant.parse("2030-01-01T00:00:00Z");

    assertThat(RetryAfter.parse("120", now)).contains(Duration.ofSeconds(120));
    assertThat(RetryAfter.parse(" 0 ", now)).contains(Duration.ZERO);
    assertThat(RetryAfter.parse("Tue, 01 Jan 2030 00:05:00 GMT", now))
        .contains(Duration.ofMinutes(5));
    assertThat(RetryAfter.parse("Mon, 31 Dec 2029 23:00:00 GMT", now)).contains(Duration.ZERO);
    assertThat(RetryAfter.parse("99999999", now)).contains(RetryAfter.MAX);
    assertThat(RetryAfter.parse("soon", now)).isEmpty();
    assertThat(RetryAfter.parse("-5", now)).isEmpty();
    assertThat(RetryAfter.parse(null, now)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "10.0.0.0/8, 10.255.1.2, true",
    "10.0.0.0/8, 11.0.0.1, false",
    "172.16.0.0/12, 172.31.255.255, true",
    "172.16.0.0/12, 172.32.0.0, false",
    "100.64.0.0/10, 100.127.0.1, true",
    "192.168.1.7, 192.168.1.7, true",
    "192.168.1.7, 192.168.1.8, false",
    "fc00::/7, fdff::1, true",
    "fe80::/10, febf::1, true",
    "fe80::/10, fec0::1, false",
    "::ffff:10.0.0.0/104, 10.9.9.9, true",
    "10.0.0.0/8, ::1, false"
  })
  void cidr_blocks_contain_their_addresses(String cidr, String address, boolean contained) {
    InetAddress parsed = IpLiterals.parse(address).orElseThrow();

    assertThat(Cidr.parse(cidr).contains(parsed)).isEqualTo(contained);
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.0/33", "10.0.0.0/x", "example.com/8", "10.0.0/8", "::1/129"})
  void bad_cidr_blocks_are_refused(String cidr) {
    assertThatThrownBy(() -> Cidr.parse(cidr)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource({
    "93.184.216.34, ",
    "8.8.8.8, ",
    "2606:4700::1111, ",
    "127.0.0.1, loopback",
    "169.254.169.254, link-local (cloud metadata)",
    "100.100.100.200, carrier-grade NAT",
    "255.255.255.255, reserved or broadcast",
    "::1, loopback",
    "fe80::1, link-local",
    "fd00::1, unique local (private)",
    "ff02::1, multicast",
    "64:ff9b::a00:1, NAT64"
  })
  void the_deny_list_names_why_an_address_is_refused(String address, String reason) {
    assertThat(AddressPolicy.deniedReason(IpLiterals.parse(address).orElseThrow()).orElse(null))
        .isEqualTo(reason);
  }

  @ParameterizedTest
  @CsvSource({
    "127.1, true",
    "0x7f000001, true",
    "2130706433, true",
    "0177.0.0.1, true",
    "1.2.3.4.5, true",
    "127.0.0.1, false",
    "example.com, false",
    "1password.com, false",
    "::1, false"
  })
  void ambiguous_numeric_hosts_are_recognised(String host, boolean ambiguous) {
    assertThat(IpLiterals.isAmbiguousNumeric(host)).isEqualTo(ambiguous);
  }

  @Test
  void redaction_masks_credentials_secret_fields_and_query_parameters() {
    Redaction redaction = new Redaction(Set.of("hunter22", "abc"));
    String body =
        "{\"password\":\"p@ss\",\"refresh_token\":\"r-123\",\"name\":\"hunter22\",\"id\":\"abc\"}"
            + "\naccess_token=xyz789&scope=read\u0007";

    String excerpt = redaction.excerpt(body.getBytes(StandardCharsets.UTF_8), UTF8, 1000);

    assertThat(excerpt)
        .isEqualTo(
            "{\"password\":\"******\",\"refresh_token\":\"******\",\"name\":\"******\","
                + "\"id\":\"abc\"}\naccess_token=******&scope=read?");
    assertThat(
            redaction.url(URI.create("https://h.example/p?api_key=k1&page=2&token=t&q=hunter22")))
        .isEqualTo("https://h.example/p?api_key=******&page=2&token=******&q=******");
    assertThat(redaction.excerpt("{\"token\":\"cut-in-the-mid".getBytes(UTF8), UTF8, 100))
        .isEqualTo("{\"token\":\"******\"");
  }

  @Test
  void settings_check_every_value() {
    HttpExecutorSettings defaults = HttpExecutorSettings.defaults();
    assertThat(defaults.ssrfProtectionForAdminJobs()).isFalse();
    assertThat(defaults.allowList()).isEmpty();
    assertThat(defaults.defaultConnectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(defaults.defaultRequestTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(defaults.maxRedirects()).isEqualTo(5);
    assertThat(defaults.excerptBytes()).isEqualTo(2048);
    assertThat(defaults.toBuilder().allow("api.internal", "10.0.0.0/8").build().allowList())
        .containsExactly("api.internal", "10.0.0.0/8");

    HttpExecutorSettings.Builder builder = HttpExecutorSettings.builder();
    assertThatThrownBy(() -> builder.allow("not a host")).hasMessageContaining("not a host");
    assertThatThrownBy(() -> builder.allow("127.1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.allow("10.0.0.0/40"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.maxRedirects(11)).hasMessageContaining("maxRedirects");
    assertThatThrownBy(() -> builder.excerptBytes(-1)).hasMessageContaining("excerptBytes");
    assertThatThrownBy(() -> builder.defaultConnectTimeout(Duration.ZERO))
        .hasMessageContaining("defaultConnectTimeout");
    assertThatThrownBy(() -> builder.defaultRequestTimeout(Duration.ofHours(2)))
        .hasMessageContaining("defaultRequestTimeout");
    assertThatThrownBy(
            () ->
                new HttpExecutorSettings(
                    false, List.of(), Duration.ofSeconds(1), Duration.ofSeconds(1), 5, 100_000))
        .hasMessageContaining("excerptBytes");
  }
}
