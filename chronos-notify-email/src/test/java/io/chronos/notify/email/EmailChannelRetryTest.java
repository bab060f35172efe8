package io.chronos.notify.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Which failures are retried: network failures and 4xx replies, up to maxAttempts; 5xx at once. The
 * class timeout only stops a hung send from hanging the build; nothing asserts on speed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EmailChannelRetryTest {

  private static EmailChannel.Builder channel(int port) {
    return EmailChannel.builder("email-oncall")
        .smtp("127.0.0.1", port)
        .from("chronos@example.com")
        .to("ops@example.com")
        .connectTimeout(Duration.ofMillis(500))
        .timeout(Duration.ofMillis(500))
        .backoff(Duration.ZERO);
  }

  @Test
  void a_closed_port_fails_clearly_after_the_configured_attempts() throws IOException {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }
    EmailChannel channel = channel(closedPort).maxAttempts(3).build();

    assertThatThrownBy(() -> channel.send(Notifications.deadLetter()))
        .isInstanceOfSatisfying(
            EmailDeliveryException.class,
            e -> {
              assertThat(e.attempts()).isEqualTo(3);
              assertThat(e.permanent()).isFalse();
            })
        .hasMessageStartingWith(
            "email channel email-oncall: delivery through 127.0.0.1:"
                + closedPort
                + " failed after 3 attempts: ");
  }

  @Test
  void a_server_that_never_answers_times_out_on_every_attempt() throws IOException {
    try (ScriptedSmtpServer server = ScriptedSmtpServer.silent()) {
      EmailChannel channel = channel(server.port()).maxAttempts(2).build();

      assertThatThrownBy(() -> channel.send(Notifications.deadLetter()))
          .isInstanceOfSatisfying(
              EmailDeliveryException.class, e -> assertThat(e.attempts()).isEqualTo(2))
          .hasMessageContaining("failed after 2 attempts")
          .hasRootCauseInstanceOf(SocketTimeoutException.class);
      assertThat(server.connections()).isEqualTo(2);
    }
  }

  @Test
  void a_4xx_reply_is_retried_until_the_server_accepts() throws Exception {
    try (ScriptedSmtpServer server = ScriptedSmtpServer.replying(451, 421)) {
      channel(server.port()).maxAttempts(3).build().send(Notifications.deadLetter());

      assertThat(server.connections()).isEqualTo(3);
      assertThat(server.delivered()).isEqualTo(1);
    }
  }

  @Test
  void a_4xx_reply_on_the_last_attempt_fails_as_transient() throws IOException {
    try (ScriptedSmtpServer server = ScriptedSmtpServer.replying(451, 451)) {
      EmailChannel channel = channel(server.port()).maxAttempts(2).build();

      assertThatThrownBy(() -> channel.send(Notifications.deadLetter()))
          .isInstanceOfSatisfying(
              EmailDeliveryException.class,
              e -> {
                assertThat(e.attempts()).isEqualTo(2);
                assertThat(e.permanent()).isFalse();
              })
          .hasMessageContaining("451");
      assertThat(server.delivered()).isZero();
    }
  }

  @Test
  void a_5xx_reply_is_permanent_and_not_retried() throws IOException {
    try (ScriptedSmtpServer server = ScriptedSmtpServer.replying(550)) {
      EmailChannel channel = channel(server.port()).maxAttempts(5).build();

      assertThatThrownBy(() -> channel.send(Notifications.deadLetter()))
          .isInstanceOfSatisfying(
              EmailDeliveryException.class,
              e -> {
                assertThat(e.attempts()).isEqualTo(1);
                assertThat(e.permanent()).isTrue();
              })
          .hasMessageContaining("failed after 1 attempt (permanent failure, not retried)")
          .hasMessageContaining("550");
      assertThat(server.connections()).isEqualTo(1);
      assertThat(server.delivered()).isZero();
    }
  }
}
