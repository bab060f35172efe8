package io.chronos.notify.email;

import jakarta.mail.MessagingException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/** Tells a transient SMTP failure (worth another attempt) from a permanent one. */
final class SmtpFailures {
  // A server reply at the start of a message ("535 5.7.8 ...") or quoted at its end, as in
  // "Got bad greeting from SMTP host: h, port: 25, response: 421".
  private static final Pattern LEADING_CODE = Pattern.compile("^\\s*([2-5]\\d\\d)[ -]");
  private static final Pattern QUOTED_CODE = Pattern.compile("response: \\[?([2-5]\\d\\d)");

  private SmtpFailures() {}

  /**
   * True for a 4xx reply, or, when there is no reply at all, a network failure (refused connection,
   * timeout, reset). 5xx replies, refused logins, bad certificates and anything else are permanent.
   */
  static boolean isTransient(Throwable failure) {
    OptionalInt code = replyCode(failure);
    if (code.isPresent()) {
      return code.getAsInt() >= 400 && code.getAsInt() < 500;
    }
    boolean io = false;
    for (Throwable t : chain(failure)) {
      if (t instanceof SSLHandshakeException) {
        return false;
      }
      io |= t instanceof IOException;
    }
    return io;
  }

  /** The SMTP reply code of the failure, if the server answered. */
  static OptionalInt replyCode(Throwable failure) {
    for (Throwable t : chain(failure)) {
      if (t instanceof SMTPSendFailedException e && e.getReturnCode() > 0) {
        return OptionalInt.of(e.getReturnCode());
      }
      if (t instanceof SMTPAddressFailedException e && e.getReturnCode() > 0) {
        return OptionalInt.of(e.getReturnCode());
      }
      if (t instanceof SMTPSenderFailedException e && e.getReturnCode() > 0) {
        return OptionalInt.of(e.getReturnCode());
      }
    }
    for (Throwable t : chain(failure)) {
      if (t instanceof MessagingException && t.getMessage() != null) {
        for (Pattern pattern : new Pattern[] {LEADING_CODE, QUOTED_CODE}) {
          Matcher m = pattern.matcher(t.getMessage());
          if (m.find()) {
            return OptionalInt.of(Integer.parseInt(m.group(1)));
          }
        }
      }
    }
    return OptionalInt.empty();
  }

  /** The failure, its causes and Jakarta Mail's "next" exceptions, each once, in order. */
  private static List<Throwable> chain(Throwable failure) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Throwable> chain = new ArrayList<>();
    Deque<Throwable> todo = new ArrayDeque<>(List.of(failure));
    while (!todo.isEmpty() && chain.size() < 32) {
      Throwable t = todo.poll();
      if (!seen.add(t)) {
        continue;
      }
      chain.add(t);
      if (t.getCause() != null) {
        todo.add(t.getCause());
      }
      if (t instanceof MessagingException m && m.getNextException() != null) {
        todo.add(m.getNextException());
      }
    }
    return chain;
  }
}
