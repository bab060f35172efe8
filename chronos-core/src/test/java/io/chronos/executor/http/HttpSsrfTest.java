package io.chronos.executor.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chronos.payload.HttpPayload;
import io.chronos.security.Role;
import io.chronos.spi.ExecutionResult;
import io.chronos.testsupport.LoopbackHttpServer;
import io.chronos.testsupport.LoopbackHttpServer.Answer;
import io.chronos.testsupport.StubExecutionContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SSRF protection of the executor. Only 127.0.0.1 is ever contacted: every other address in these
 * cases is refused before a connection is made, and a stub resolver stands in for DNS.
 */
class HttpSsrfTest {
  private LoopbackHttpServer server;
  private StubExecutionContext user;

  /** Names of the stub resolver; anything else is unknown (no real DNS lookups). */
  private static final Map<String, String[]> NAMES =
      Map.of(
          "service.test", new String[] {"127.0.0.1"},
          "internal.test", new String[] {"10.0.0.7"},
          "metadata.test", new String[] {"169.254.169.254"},
          "mixed.test", new String[] {"93.184.216.34", "127.0.0.1"},
          "localhost", new String[] {"127.0.0.1", "::1"});

  private static InetAddress[] resolve(String host) throws UnknownHostException {
    String[] literals = NAMES.get(host);
    if (literals == null) {
      throw new UnknownHostException(host);
    }
    InetAddress[] addresses = new InetAddress[literals.length];
    for (int i = 0; i < literals.length; i++) {
      addresses[i] = IpLiterals.parse(literals[i]).orElseThrow();
      addresses[i] = InetAddress.getByAddress(host, addresses[i].getAddress());
    }
    return addresses;
  }

  private static HttpExecutor executor(HttpExecutorSettings settings) {
    return new HttpExecutor(settings, HttpSsrfTest::resolve);
  }

  @BeforeEach
  void start() {
    server = new LoopbackHttpServer();
    user = new StubExecutionContext(Role.USER);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:%d/",
        "http://localhost:%d/",
        "http://LOCALHOST.:%d/",
        "http://127.1:%d/",
        "http://0x7f000001:%d/",
        "http://2130706433:%d/",
        "http://0177.0.0.1:%d/",
        "http://[::1]:%d/",
        "http://[::ffff:127.0.0.1]:%d/",
        "http://[::ffff:7f00:1]:%d/",
        "http://[::]:%d/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[fe80::1]:%d/",
        "http://10.0.0.1:%d/",
        "http://172.16.5.4/",
        "http://192.168.1.1/",
        "http://100.64.0.1/",
        "http://[fc00::1]/",
        "http://[fd12:3456::1]/",
        "http://224.0.0.1/",
        "http://0.0.0.0:%d/",
        "https://127.0.0.1:%d/",
        "http://internal.test/",
        "http://metadata.test/latest/meta-data/",
        "http://mixed.test:%d/"
      })
  void a_user_job_to_a_denied_address_is_refused_before_connecting(String template)
      throws Exception {
    String url = template.contains("%d") ? String.format(template, server.port()) : template;

    ExecutionResult result =
        executor(HttpExecutorSettings.defaults()).execute(HttpPayload.get(url).build(), user);

    assertThat(result).isInstanceOf(ExecutionResult.Failure.class);
    ExecutionResult.Failure failure = (ExecutionResult.Failure) result;
    assertThat(failure.retryable()).isFalse();
    assertThat(failure.message()).containsAnyOf("SSRF", "host");
    assertThat(server.requests()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "127.0.0.0/8", "::ffff:127.0.0.0/104", "localhost"})
  void an_allow_listed_loopback_server_is_reached(String entry) throws Exception {
    HttpExecutor executor = executor(HttpExecutorSettings.builder().allow(entry).build());
    String host = entry.equals("localhost") ? "localhost" : "127.0.0.1";

    ExecutionResult result =
        executor.execute(
            HttpPayload.get("http://" + host + ":" + server.port() + "/ok").build(), user);

    assertThat(result).isInstanceOf(ExecutionResult.Success.class);
    assertThat(server.onlyRequest().header("Host")).isEqualTo(host + ":" + server.port());
  }

  @Test
  void a_plain_http_request_goes_to_the_checked_address_with_the_host_header_of_the_name()
      throws Exception {
    HttpExecutor executor = executor(HttpExecutorSettings.builder().allow("service.test").build());

    ExecutionResult result =
        executor.execute(
            HttpPayload.get("http://service.test:" + server.port() + "/pinned").build(), user);

    // service.test exists only in the stub resolver: the request reached 127.0.0.1 because the
    // executor connected to the address it checked, not to a name the client resolved again.
    assertThat(HostHeaderOverride.available()).isTrue();
    assertThat(result).isInstanceOf(ExecutionResult.Success.class);
    assertThat(server.onlyRequest().header("Host")).isEqualTo("service.test:" + server.port());
    assertThat(user.lines().get(0).context())
        .containsEntry("address", "127.0.0.1")
        .containsEntry("pinned", "true")
        .containsEntry("ssrfGuard", "true");
  }

  @Test
  void an_admin_job_reaches_loopback_unless_ssrf_protection_covers_admins() throws Exception {
    HttpPayload payload = HttpPayload.get(server.url("/admin")).build();
    StubExecutionContext admin = new StubExecutionContext(Role.ADMIN);

    ExecutionResult open = executor(HttpExecutorSettings.defaults()).execute(payload, admin);
    ExecutionResult guarded =
        executor(HttpExecutorSettings.builder().ssrfProtectionForAdminJobs(true).build())
            .execute(payload, admin);

    assertThat(open).isInstanceOf(ExecutionResult.Success.class);
    assertThat(guarded).isInstanceOf(ExecutionResult.Failure.class);
    assertThat(((ExecutionResult.Failure) guarded).message()).contains("SSRF");
    assertThat(server.requests()).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        "http://[::1]:%d/x",
        "http://localhost:%d/x",
        "http://internal.test/"
      })
  void a_redirect_to_a_denied_address_is_refused(String target) throws Exception {
    String location = target.contains("%d") ? String.format(target, server.port()) : target;
    server.answer("/jump", Answer.of(302, "").withHeader("Location", location));
    HttpExecutor executor = executor(HttpExecutorSettings.builder().allow("127.0.0.1").build());

    ExecutionResult result =
        executor.execute(HttpPayload.get(server.url("/jump")).followRedirects(true).build(), user);

    assertThat(result).isInstanceOf(ExecutionResult.Failure.class);
    assertThat(((ExecutionResult.Failure) result).retryable()).isFalse();
    assertThat(((ExecutionResult.Failure) result).message()).contains("SSRF");
    assertThat(server.requests())
        .extracting(LoopbackHttpServer.Request::path)
        .containsExactly("/jump");
  }

  @Test
  void a_redirect_is_not_followed_by_default_even_to_an_allowed_address() throws Exception {
    server.answer("/jump", Answer.of(302, "").withHeader("Location", "/landing"));
    HttpExecutor executor = executor(HttpExecutorSettings.builder().allow("127.0.0.1").build());

    ExecutionResult result = executor.execute(HttpPayload.get(server.url("/jump")).build(), user);

    assertThat(result).isInstanceOf(ExecutionResult.Failure.class);
    assertThat(server.requests())
        .extracting(LoopbackHttpServer.Request::path)
        .containsExactly("/jump");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        "127.1",
        "0x7f000001",
        "2130706433",
        "0177.0.0.1",
        "017700000001",
        "127.0.0.01",
        "[::1]",
        "[::ffff:127.0.0.1]",
        "[0:0:0:0:0:ffff:7f00:0001]",
        "[::127.0.0.1]",
        "[fe80::1%25eth0]",
        "169.254.169.254",
        "0.0.0.0",
        "localhost",
        "localhost.",
        "metadata.test"
      })
  void the_address_policy_refuses_loopback_metadata_and_odd_encodings(String host) {
    AddressPolicy policy = new AddressPolicy(List.of(), HttpSsrfTest::resolve);

    assertThatThrownBy(() -> policy.check(host)).isInstanceOf(BlockedAddressException.class);
  }

  @Test
  void the_address_policy_returns_the_address_it_checked() throws Exception {
    AddressPolicy policy = new AddressPolicy(List.of("10.1.0.0/16"), HttpSsrfTest::resolve);

    assertThat(policy.check("93.184.216.34").getHostAddress()).isEqualTo("93.184.216.34");
    assertThat(policy.check("10.1.2.3").getHostAddress()).isEqualTo("10.1.2.3");
    assertThatThrownBy(() -> policy.check("10.2.0.1"))
        .isInstanceOf(BlockedAddressException.class)
        .hasMessageContaining("private");
    assertThatThrownBy(() -> policy.check("nowhere.test")).isInstanceOf(UnknownHostException.class);
  }
}
