package io.chronos.notify.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.chronos.Chronos;
import io.chronos.job.Job;
import io.chronos.job.JobSpec;
import io.chronos.notify.NotificationRules;
import io.chronos.payload.DummyPayload;
import io.chronos.retry.RetryPolicy;
import io.chronos.run.JobRun;
import io.chronos.security.Actor;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A Chronos node on H2 dead-letters a failing job and the e-mail channel tells the on-call. */
class EmailNotificationEndToEndTest {
  private static final long WAIT_MILLIS = 30_000;

  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private HikariDataSource dataSource;
  private Chronos chronos;

  @BeforeEach
  void startNode() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:mem:email_e2e;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
    config.setUsername("sa");
    config.setMaximumPoolSize(10);
    dataSource = new HikariDataSource(config);
    EmailChannel email =
        EmailChannel.builder("email-oncall")
            .smtp("127.0.0.1", greenMail.getSmtp().getPort())
            .from("chronos@example.com")
            .to("ops@example.com")
            .timeout(Duration.ofSeconds(5))
            .build();
    chronos =
        Chronos.builder()
            .dataSource(dataSource)
            .nodeId("node-email")
            .pollInterval(Duration.ofMillis(50))
            .heartbeatInterval(Duration.ofMillis(300))
            .shutdownTimeout(Duration.ofSeconds(2))
            .notificationChannel(email)
            .build()
            .start();
  }

  @AfterEach
  void stopNode() {
    chronos.close();
    dataSource.close();
  }

  @Test
  void a_dead_lettered_run_is_mailed_to_the_on_call() throws Exception {
    Actor system = Actor.system();
    Job job =
        chronos
            .jobs()
            .create(
                system,
                JobSpec.dummy("always-fails")
                    .payload(DummyPayload.alwaysFail("disk full"))
                    .retry(RetryPolicy.noRetries())
                    .notify(NotificationRules.defaults().channels("email-oncall"))
                    .build());

    JobRun run = chronos.jobs().trigger(system, job.id());

    assertThat(greenMail.waitForIncomingEmail(WAIT_MILLIS, 1)).isTrue();
    MimeMessage mail = greenMail.getReceivedMessages()[0];
    assertThat(mail.getSubject()).isEqualTo("[Chronos] always-fails: DEAD_LETTER");
    assertThat(mail.getAllRecipients())
        .extracting(Object::toString)
        .containsExactly("ops@example.com");
    assertThat(GreenMailUtil.getBody(mail))
        .contains("job: always-fails (" + job.id() + ")")
        .contains("run: " + run.id())
        .contains("attempt: 1")
        .contains("status: FAILED")
        .contains("disk full")
        .contains("node: node-email");
  }
}
