package io.chronos.notify.email;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

/** The failures Jakarta Mail reports, sorted into worth-retrying and not. */
class SmtpFailuresTest {

  @Test
  void network_failures_are_transient() {
    assertThat(SmtpFailures.isTransient(new MessagingException("x", new ConnectException())))
        .isTrue();
    assertThat(SmtpFailures.isTransient(new MessagingException("x", new SocketTimeoutException())))
        .isTrue();
  }

  @Test
  void a_4xx_greeting_is_transient_and_a_5xx_greeting_permanent() {
    assertThat(
            SmtpFailures.isTransient(
                new MessagingException(
                    "Got bad greeting from SMTP host: h, port: 25, response: 421 busy")))
        .isTrue();
    assertThat(
            SmtpFailures.isTransient(
                new MessagingException(
                    "Got bad greeting from SMTP host: h, port: 25, response: 554 go away")))
        .isFalse();
  }

  @Test
  void reply_codes_of_refused_commands_decide() throws Exception {
    var address = new jakarta.mail.internet.InternetAddress("ops@example.com");
    MessagingException tempRcpt = new MessagingException("send failed");
    tempRcpt.setNextException(new SMTPAddressFailedException(address, "RCPT", 452, "full"));
    assertThat(SmtpFailures.isTransient(tempRcpt)).isTrue();
    assertThat(
            SmtpFailures.isTransient(
                new SMTPSendFailedException("DATA", 554, "rejected", null, null, null, null)))
        .isFalse();
  }

  @Test
  void refused_logins_and_bad_certificates_are_permanent() {
    assertThat(SmtpFailures.isTransient(new AuthenticationFailedException("535 5.7.8 bad")))
        .isFalse();
    assertThat(SmtpFailures.isTransient(new AuthenticationFailedException("454 4.7.0 try later")))
        .isTrue();
    assertThat(
            SmtpFailures.isTransient(
                new MessagingException("x", new SSLHandshakeException("PKIX path building"))))
        .isFalse();
    assertThat(SmtpFailures.isTransient(new MessagingException("Illegal address"))).isFalse();
  }
}
