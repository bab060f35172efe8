package io.chronos.notify.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.chronos.secret.Secret;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Delivery to an embedded SMTP server (GreenMail): the mail, the login, the password sources. */
class EmailChannelTest {
  private static final String PASSWORD = "s3cret-pw-9b1f";

  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
          .withConfiguration(GreenMailConfiguration.aConfig().withUser("chronos", PASSWORD));

  private EmailChannel.Builder channel() {
    return EmailChannel.builder("email-oncall")
        .smtp("127.0.0.1", greenMail.getSmtp().getPort())
        .from("chronos@example.com")
        .to("ops@example.com", "oncall@example.com")
        .connectTimeout(Duration.ofSeconds(5))
        .timeout(Duration.ofSeconds(5))
        .backoff(Duration.ZERO);
  }

  @Test
  void sends_the_subject_and_the_fields_as_plain_text_to_every_recipient() throws Exception {
    channel().credentials("chronos", PASSWORD).build().send(Notifications.deadLetter());

    MimeMessage[] received = greenMail.getReceivedMessages();
    assertThat(received).hasSize(2); // one copy per recipient mailbox
    MimeMessage mail = received[0];
    assertThat(mail.getSubject()).isEqualTo("[Chronos] nightly-report: DEAD_LETTER");
    assertThat(mail.getFrom()).extracting(Object::toString).containsExactly("chronos@example.com");
    assertThat(mail.getRecipients(Message.RecipientType.TO))
        .extracting(Object::toString)
        .containsExactly("ops@example.com", "oncall@example.com");
    assertThat(mail.getContentType()).startsWith("text/plain").containsIgnoringCase("utf-8");
    assertThat(mail.getHeader("X-Chronos-Event")).containsExactly("DEAD_LETTER");
    assertThat(GreenMailUtil.getBody(mail))
        .startsWith("[Chronos] nightly-report: DEAD_LETTER run 01RUN00000000000000000000A")
        .contains("job: nightly-report (01JOB0000000000000000000AA)")
        .contains("run: 01RUN00000000000000000000A")
        .contains("attempt: 3")
        .contains("status: FAILED")
        .contains("error: connection refused")
        .contains("node: node-1")
        .contains("time: 2032-06-01T02:00:00Z");
    assertThat(GreenMailUtil.getWholeMessage(mail)).doesNotContain(PASSWORD);
  }

  @Test
  void logs_in_with_user_and_password() throws Exception {
    channel().credentials("chronos", Secret.of(PASSWORD)).build().send(Notifications.deadLetter());

    assertThat(greenMail.getReceivedMessages()).hasSize(2);
  }

  @Test
  void a_refused_login_is_permanent_and_not_retried() {
    EmailChannel channel = channel().credentials("chronos", "wrong").maxAttempts(3).build();

    assertThatThrownBy(() -> channel.send(Notifications.deadLetter()))
        .isInstanceOfSatisfying(
            EmailDeliveryException.class,
            e -> {
              assertThat(e.attempts()).isEqualTo(1);
              assertThat(e.permanent()).isTrue();
            })
        .hasMessageContaining("email channel email-oncall")
        .hasMessageContaining("not retried")
        .hasMessageNotContaining("wrong");
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }

  @Test
  void resolves_a_sys_password_reference_at_send_time() throws Exception {
    String property = "chronos.test.smtp.password";
    EmailChannel channel = channel().credentials("chronos", Secret.ref("sys:" + property)).build();
    System.setProperty(property, PASSWORD);
    try {
      channel.send(Notifications.deadLetter());
    } finally {
      System.clearProperty(property);
    }

    assertThat(greenMail.getReceivedMessages()).hasSize(2);
  }

  @Test
  void an_unset_env_password_fails_clearly_without_connecting() {
    EmailChannel channel =
        channel()
            .credentials("chronos", Secret.ref("env:CHRONOS_TEST_UNSET_SMTP_PASSWORD"))
            .build();

    assertThatThrownBy(() -> channel.send(Notifications.deadLetter()))
        .isInstanceOfSatisfying(
            EmailDeliveryException.class, e -> assertThat(e.attempts()).isZero())
        .hasMessage(
            "email channel email-oncall: password env:CHRONOS_TEST_UNSET_SMTP_PASSWORD is not set");
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }

  @Test
  void a_line_break_in_a_job_name_cannot_add_a_header() throws Exception {
    var n = Notifications.deadLetter();
    var evil =
        new io.chronos.notify.Notification(
            n.event(),
            n.jobId(),
            "x\r\nBcc: thief@example.com",
            n.ownerId(),
            n.runId(),
            n.attempt(),
            n.status(),
            n.error(),
            0,
            n.nodeId(),
            n.occurredAt());

    channel().build().send(evil);

    MimeMessage mail = greenMail.getReceivedMessages()[0];
    assertThat(mail.getHeader("Bcc")).isNull();
    assertThat(mail.getSubject()).isEqualTo("[Chronos] x Bcc: thief@example.com: DEAD_LETTER");
    assertThat(greenMail.getReceivedMessages()).hasSize(2);
  }
}
