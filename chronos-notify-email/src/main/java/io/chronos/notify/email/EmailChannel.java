package io.chronos.notify.email;

import io.chronos.notify.Notification;
import io.chronos.notify.NotificationChannel;
import io.chronos.secret.Secret;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import javax.annotation.Nullable;

/**
 * Sends notifications as plain-text e-mail over SMTP (Jakarta Mail, Eclipse Angus). The subject is
 * {@link Notification#subject()}; the body is {@link Notification#text()} followed by the fields
 * (event, job, run, attempt, status, error, node, time). A notification carries no payload and no
 * secret, so neither can reach a mail.
 *
 * <pre>{@code
 * EmailChannel.builder("email-oncall")
 *     .smtp("smtp.example.com", 587).startTls(true)
 *     .credentials("chronos", Secret.ref("env:SMTP_PASSWORD"))
 *     .from("chronos@example.com").to("ops@example.com", "oncall@example.com")
 *     .build();
 * }</pre>
 *
 * <p>A network failure (refused connection, timeout, reset) or a 4xx reply is retried with a
 * doubling delay, up to {@link Builder#maxAttempts(int) maxAttempts}; a 5xx reply, a refused login
 * or a bad certificate fails at once. Every connect, read and write is bounded by the configured
 * timeouts, so one {@link #send} takes at most about {@code maxAttempts * (connectTimeout + a few
 * timeouts) + the backoff delays}.
 *
 * <p>Passwords: a {@code String} or a {@link Secret}. A channel has no run, so no {@code
 * ExecutionContext} and none of the node's secret resolvers: it resolves {@code Secret.ref("env:
 * NAME")} (environment variable) and {@code Secret.ref("sys:NAME")} (system property) itself, at
 * each send (a rotated value is picked up), and uses a {@code Secret.of(value)} as given. Other
 * reference prefixes are refused when the channel is built.
 */
public final class EmailChannel implements NotificationChannel {
  /** The connect timeout unless set: 10 s. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** The read and write timeout unless set: 10 s. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** Attempts per notification unless set: 3. */
  public static final int DEFAULT_MAX_ATTEMPTS = 3;

  /** The first retry delay unless set: 1 s, doubled for each further retry. */
  public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(1);

  private static final Duration MIN_TIMEOUT = Duration.ofMillis(100);
  private static final Duration MAX_TIMEOUT = Duration.ofMinutes(2);

  private final String name;
  private final String host;
  private final int port;
  private final boolean startTls;
  private final boolean ssl;
  private final @Nullable String user;
  private final @Nullable Secret password;
  private final InternetAddress from;
  private final List<InternetAddress> to;
  private final Duration connectTimeout;
  private final Duration timeout;
  private final int maxAttempts;
  private final Duration backoff;
  private final Session session;

  private EmailChannel(Builder b) {
    this.name = b.name;
    this.host = b.host;
    this.port = b.port;
    this.startTls = b.startTls;
    this.ssl = b.ssl;
    this.user = b.user;
    this.password = b.password;
    this.from = b.from;
    this.to = List.copyOf(b.to);
    this.connectTimeout = b.connectTimeout;
    this.timeout = b.timeout;
    this.maxAttempts = b.maxAttempts;
    this.backoff = b.backoff;
    this.session = Session.getInstance(sessionProperties(), null);
  }

  /** A builder for a channel of this name (the name rules refer to, e.g. {@code email-oncall}). */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  @Override
  public String name() {
    return name;
  }

  /**
   * Sends the notification to every recipient in one SMTP transaction, retrying transient failures.
   *
   * @throws EmailDeliveryException when it could not be delivered: after the last attempt, or at
   *     once for a permanent failure
   * @throws InterruptedException when interrupted between attempts
   */
  @Override
  public void send(Notification notification) throws EmailDeliveryException, InterruptedException {
    String secret = resolvePassword(); // once per send: a missing variable is not retried
    Duration delay = backoff;
    for (int attempt = 1; ; attempt++) {
      try {
        deliver(message(notification), secret);
        return;
      } catch (MessagingException e) {
        boolean retry = SmtpFailures.isTransient(e);
        if (!retry || attempt >= maxAttempts) {
          throw new EmailDeliveryException(
              "email channel "
                  + name
                  + ": delivery through "
                  + host
                  + ":"
                  + port
                  + " failed after "
                  + attempt
                  + (attempt == 1 ? " attempt" : " attempts")
                  + (retry ? "" : " (permanent failure, not retried)")
                  + ": "
                  + e.getMessage(),
              attempt,
              !retry,
              e);
        }
      }
      Thread.sleep(delay.toMillis());
      delay = delay.multipliedBy(2);
    }
  }

  private void deliver(MimeMessage message, @Nullable String secret) throws MessagingException {
    Transport transport = session.getTransport("smtp");
    try {
      transport.connect(host, port, user, secret);
      transport.sendMessage(message, message.getAllRecipients());
    } finally {
      closeQuietly(transport);
    }
  }

  /** The mail is accepted once DATA is answered: a failed QUIT must not cause a second copy. */
  private static void closeQuietly(Transport transport) {
    try {
      transport.close();
    } catch (MessagingException ignored) {
      // the connection is dropped either way
    }
  }

  /** The mail: plain text in UTF-8, with headers a mail rule can filter on. */
  MimeMessage message(Notification n) throws MessagingException {
    MimeMessage message = new MimeMessage(session);
    message.setFrom(from);
    message.setRecipients(Message.RecipientType.TO, to.toArray(InternetAddress[]::new));
    message.setSubject(oneLine(n.subject()), StandardCharsets.UTF_8.name());
    message.setText(body(n), StandardCharsets.UTF_8.name());
    message.setHeader("X-Chronos-Event", n.event().name());
    message.setHeader("X-Chronos-Job-Id", oneLine(n.jobId()));
    message.setSentDate(new Date());
    message.saveChanges();
    return message;
  }

  /** The text, a blank line, then one field per line; absent fields are left out. */
  static String body(Notification n) {
    StringBuilder body = new StringBuilder(n.text()).append("\n\n");
    field(body, "event", n.event().name());
    field(body, "job", n.jobName() + " (" + n.jobId() + ")");
    field(body, "run", n.runId());
    if (n.runId() != null) {
      field(body, "attempt", Integer.toString(n.attempt()));
    }
    field(body, "status", n.status());
    field(body, "error", n.error());
    if (n.consecutiveFailures() > 0) {
      field(body, "consecutive failures", Integer.toString(n.consecutiveFailures()));
    }
    field(body, "node", n.nodeId());
    field(body, "time", n.occurredAt().toString());
    return body.toString();
  }

  private static void field(StringBuilder body, String label, @Nullable String value) {
    if (value != null) {
      body.append(label).append(": ").append(value).append('\n');
    }
  }

  /** Job names are user input: no line break may reach a header. */
  private static String oneLine(String value) {
    return value.replaceAll("[\\r\\n\\t\\x00-\\x1f]+", " ");
  }

  private @Nullable String resolvePassword() throws EmailDeliveryException {
    if (password == null) {
      return null;
    }
    if (password instanceof Secret.Value value) {
      return value.value();
    }
    String ref = ((Secret.Ref) password).name();
    String key = ref.substring(4);
    String value = ref.startsWith("env:") ? System.getenv(key) : System.getProperty(key);
    if (value == null) {
      throw new EmailDeliveryException(
          "email channel " + name + ": password " + ref + " is not set", 0, true, null);
    }
    return value;
  }

  private Properties sessionProperties() {
    Properties p = new Properties();
    p.setProperty("mail.smtp.host", host);
    p.setProperty("mail.smtp.port", Integer.toString(port));
    p.setProperty("mail.smtp.connectiontimeout", Long.toString(connectTimeout.toMillis()));
    p.setProperty("mail.smtp.timeout", Long.toString(timeout.toMillis()));
    p.setProperty("mail.smtp.writetimeout", Long.toString(timeout.toMillis()));
    p.setProperty("mail.smtp.auth", Boolean.toString(user != null));
    if (startTls) {
      // Required, not opportunistic: a server that does not offer STARTTLS gets no credentials.
      p.setProperty("mail.smtp.starttls.enable", "true");
      p.setProperty("mail.smtp.starttls.required", "true");
    }
    if (ssl) {
      p.setProperty("mail.smtp.ssl.enable", "true");
    }
    if (startTls || ssl) {
      p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
    }
    return p;
  }

  @Override
  public String toString() {
    return "EmailChannel[name="
        + name
        + ", smtp="
        + host
        + ":"
        + port
        + (ssl ? ", ssl" : startTls ? ", starttls" : "")
        + (user != null ? ", user=" + user : "")
        + ", to="
        + to.size()
        + " recipients]";
  }

  /** Options of an e-mail channel; each checks its argument, {@link #build()} the combination. */
  public static final class Builder {
    private final String name;
    private @Nullable String host;
    private int port;
    private boolean startTls;
    private boolean ssl;
    private @Nullable String user;
    private @Nullable Secret password;
    private @Nullable InternetAddress from;
    private final List<InternetAddress> to = new ArrayList<>();
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration timeout = DEFAULT_TIMEOUT;
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Duration backoff = DEFAULT_BACKOFF;

    private Builder(String name) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("email channel name is required");
      }
      this.name = name;
    }

    /** The SMTP server (required): a host name or address and a port, 1 to 65535. */
    public Builder smtp(String host, int port) {
      if (host == null || host.isBlank() || !host.strip().equals(host)) {
        throw new IllegalArgumentException("smtp host is required, was '" + host + "'");
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("smtp port must be 1 to 65535, was " + port);
      }
      this.host = host;
      this.port = port;
      return this;
    }

    /** Upgrade the connection with STARTTLS, and refuse a server that cannot (default off). */
    public Builder startTls(boolean startTls) {
      this.startTls = startTls;
      return this;
    }

    /** Connect over TLS from the start, usually port 465 (default off). */
    public Builder ssl(boolean ssl) {
      this.ssl = ssl;
      return this;
    }

    /** Log in with this user and password (default: no login). */
    public Builder credentials(String user, String password) {
      if (password == null || password.isEmpty()) {
        throw new IllegalArgumentException("password is required with credentials");
      }
      return credentials(user, Secret.of(password));
    }

    /**
     * Log in with this user and a secret password: {@code Secret.of(value)}, {@code
     * Secret.ref("env:NAME")} or {@code Secret.ref("sys:NAME")}, resolved at each send.
     */
    public Builder credentials(String user, Secret password) {
      if (user == null || user.isBlank()) {
        throw new IllegalArgumentException("user is required with credentials");
      }
      if (password == null) {
        throw new IllegalArgumentException("password is required with credentials");
      }
      if (password instanceof Secret.Value v && v.value().isEmpty()) {
        throw new IllegalArgumentException("password is required with credentials");
      }
      if (password instanceof Secret.Ref r
          && !((r.name().startsWith("env:") || r.name().startsWith("sys:"))
              && r.name().length() > 4)) {
        throw new IllegalArgumentException(
            "password reference must be env:NAME or sys:NAME, was " + r.name());
      }
      this.user = user;
      this.password = password;
      return this;
    }

    /** The sender address (required), e.g. {@code chronos@example.com}. */
    public Builder from(String address) {
      this.from = address("from", address);
      return this;
    }

    /** The recipients (at least one), replacing any given before. */
    public Builder to(String... addresses) {
      if (addresses == null || addresses.length == 0) {
        throw new IllegalArgumentException("to needs at least one address");
      }
      List<InternetAddress> parsed = new ArrayList<>();
      for (String address : addresses) {
        parsed.add(address("to", address));
      }
      to.clear();
      to.addAll(parsed);
      return this;
    }

    /** How long to wait for the TCP connection (100 ms to 2 minutes, default 10 s). */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = bounded("connectTimeout", connectTimeout);
      return this;
    }

    /** How long to wait for each read and write (100 ms to 2 minutes, default 10 s). */
    public Builder timeout(Duration timeout) {
      this.timeout = bounded("timeout", timeout);
      return this;
    }

    /** Attempts per notification (1 to 10, default 3). */
    public Builder maxAttempts(int attempts) {
      if (attempts < 1 || attempts > 10) {
        throw new IllegalArgumentException("maxAttempts must be 1 to 10, was " + attempts);
      }
      this.maxAttempts = attempts;
      return this;
    }

    /** The first retry delay, doubled for each further retry (0 to 1 minute, default 1 s). */
    public Builder backoff(Duration backoff) {
      if (backoff == null || backoff.isNegative() || backoff.compareTo(Duration.ofMinutes(1)) > 0) {
        throw new IllegalArgumentException("backoff must be 0 to 1 minute, was " + backoff);
      }
      this.backoff = backoff;
      return this;
    }

    /** The channel; refuses a missing server, sender or recipient, and SSL with STARTTLS. */
    public EmailChannel build() {
      if (host == null) {
        throw new IllegalStateException("email channel " + name + " needs smtp(host, port)");
      }
      if (from == null) {
        throw new IllegalStateException("email channel " + name + " needs from(address)");
      }
      if (to.isEmpty()) {
        throw new IllegalStateException("email channel " + name + " needs to(addresses...)");
      }
      if (ssl && startTls) {
        throw new IllegalStateException(
            "email channel " + name + ": choose ssl (implicit TLS) or startTls, not both");
      }
      return new EmailChannel(this);
    }

    private static InternetAddress address(String option, @Nullable String address) {
      if (address == null || address.isBlank()) {
        throw new IllegalArgumentException(option + " address is required");
      }
      try {
        InternetAddress parsed = new InternetAddress(address, true);
        parsed.validate();
        return parsed;
      } catch (AddressException e) {
        throw new IllegalArgumentException(
            option + " address is not a valid e-mail address: " + address, e);
      }
    }

    private static Duration bounded(String option, @Nullable Duration value) {
      if (value == null || value.compareTo(MIN_TIMEOUT) < 0 || value.compareTo(MAX_TIMEOUT) > 0) {
        throw new IllegalArgumentException(option + " must be 100 ms to 2 minutes, was " + value);
      }
      return value;
    }
  }
}
