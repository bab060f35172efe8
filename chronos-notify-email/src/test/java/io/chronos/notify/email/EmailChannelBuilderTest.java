package io.chronos.notify.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chronos.secret.Secret;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every option checks its argument, and the message names the option. */
class EmailChannelBuilderTest {

  private static EmailChannel.Builder valid() {
    return EmailChannel.builder("email-oncall")
        .smtp("smtp.example.com", 587)
        .from("chronos@example.com")
        .to("ops@example.com");
  }

  @Test
  void builds_a_valid_channel_and_prints_no_password() {
    EmailChannel channel = valid().startTls(true).credentials("chronos", "hunter2-secret").build();

    assertThat(channel.name()).isEqualTo("email-oncall");
    assertThat(channel.toString())
        .contains("smtp.example.com:587", "starttls", "user=chronos")
        .doesNotContain("hunter2-secret");
  }

  @Test
  void refuses_a_missing_name() {
    assertThatThrownBy(() -> EmailChannel.builder(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("email channel name is required");
  }

  @Test
  void refuses_a_bad_smtp_host_or_port() {
    assertThatThrownBy(() -> valid().smtp("", 25))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("smtp host is required, was ''");
    assertThatThrownBy(() -> valid().smtp("smtp.example.com", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("smtp port must be 1 to 65535, was 0");
    assertThatThrownBy(() -> valid().smtp("smtp.example.com", 65536))
        .hasMessage("smtp port must be 1 to 65535, was 65536");
  }

  @Test
  void refuses_bad_credentials() {
    assertThatThrownBy(() -> valid().credentials("", "pw"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("user is required with credentials");
    assertThatThrownBy(() -> valid().credentials("chronos", ""))
        .hasMessage("password is required with credentials");
    assertThatThrownBy(() -> valid().credentials("chronos", (Secret) null))
        .hasMessage("password is required with credentials");
    assertThatThrownBy(() -> valid().credentials("chronos", Secret.ref("vault:smtp")))
        .hasMessage("password reference must be env:NAME or sys:NAME, was vault:smtp");
    assertThatThrownBy(() -> valid().credentials("chronos", Secret.ref("env:")))
        .hasMessage("password reference must be env:NAME or sys:NAME, was env:");
  }

  @Test
  void refuses_bad_addresses() {
    assertThatThrownBy(() -> valid().from("not an address"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("from address is not a valid e-mail address: not an address");
    assertThatThrownBy(() -> valid().from(null)).hasMessage("from address is required");
    assertThatThrownBy(() -> valid().to()).hasMessage("to needs at least one address");
    assertThatThrownBy(() -> valid().to("ops@example.com", "a@b@c"))
        .hasMessage("to address is not a valid e-mail address: a@b@c");
  }

  @Test
  void refuses_timeouts_attempts_and_backoff_out_of_range() {
    assertThatThrownBy(() -> valid().connectTimeout(Duration.ofMillis(99)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("connectTimeout must be 100 ms to 2 minutes, was PT0.099S");
    assertThatThrownBy(() -> valid().timeout(Duration.ofMinutes(3)))
        .hasMessage("timeout must be 100 ms to 2 minutes, was PT3M");
    assertThatThrownBy(() -> valid().timeout(null))
        .hasMessage("timeout must be 100 ms to 2 minutes, was null");
    assertThatThrownBy(() -> valid().maxAttempts(0))
        .hasMessage("maxAttempts must be 1 to 10, was 0");
    assertThatThrownBy(() -> valid().backoff(Duration.ofSeconds(-1)))
        .hasMessage("backoff must be 0 to 1 minute, was PT-1S");
  }

  @Test
  void build_names_what_is_missing_or_conflicting() {
    assertThatThrownBy(() -> EmailChannel.builder("mail").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("email channel mail needs smtp(host, port)");
    assertThatThrownBy(() -> EmailChannel.builder("mail").smtp("h", 25).build())
        .hasMessage("email channel mail needs from(address)");
    assertThatThrownBy(
            () -> EmailChannel.builder("mail").smtp("h", 25).from("a@example.com").build())
        .hasMessage("email channel mail needs to(addresses...)");
    assertThatThrownBy(() -> valid().ssl(true).startTls(true).build())
        .hasMessage("email channel email-oncall: choose ssl (implicit TLS) or startTls, not both");
  }
}
