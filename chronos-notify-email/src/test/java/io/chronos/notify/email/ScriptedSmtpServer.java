package io.chronos.notify.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback SMTP server that answers {@code MAIL FROM} with scripted reply codes, one per
 * connection (then 250), to exercise the channel's retry rules; or, when silent, accepts
 * connections and never says a word, to exercise its timeouts.
 */
final class ScriptedSmtpServer implements AutoCloseable {
  private final ServerSocket server;
  private final Deque<Integer> mailFromReplies;
  private final boolean silent;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger delivered = new AtomicInteger();
  private final List<Socket> sockets = new ArrayList<>();
  private final Thread acceptor;

  private ScriptedSmtpServer(boolean silent, List<Integer> mailFromReplies) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.silent = silent;
    this.mailFromReplies = new ConcurrentLinkedDeque<>(mailFromReplies);
    this.acceptor = new Thread(this::acceptLoop, "scripted-smtp");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Answers MAIL FROM of the n-th connection with the n-th code, later ones with 250. */
  static ScriptedSmtpServer replying(Integer... mailFromReplies) throws IOException {
    return new ScriptedSmtpServer(false, List.of(mailFromReplies));
  }

  /** Accepts connections and never answers. */
  static ScriptedSmtpServer silent() throws IOException {
    return new ScriptedSmtpServer(true, List.of());
  }

  int port() {
    return server.getLocalPort();
  }

  int connections() {
    return connections.get();
  }

  int delivered() {
    return delivered.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        connections.incrementAndGet();
        synchronized (sockets) {
          sockets.add(socket);
        }
        if (!silent) {
          Thread session = new Thread(() -> converse(socket), "scripted-smtp-session");
          session.setDaemon(true);
          session.start();
        }
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void converse(Socket socket) {
    Integer scripted = mailFromReplies.poll();
    int mailFrom = scripted == null ? 250 : scripted;
    // closing either stream closes the socket
    try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = socket.getOutputStream()) {
      reply(out, "220 scripted ESMTP");
      String line;
      while ((line = in.readLine()) != null) {
        String command = line.toUpperCase(Locale.ROOT);
        if (command.startsWith("EHLO") || command.startsWith("HELO")) {
          reply(out, "250 scripted");
        } else if (command.startsWith("MAIL FROM")) {
          reply(out, mailFrom + (mailFrom < 400 ? " OK" : " scripted refusal"));
        } else if (command.startsWith("DATA")) {
          reply(out, "354 go ahead");
          while ((line = in.readLine()) != null && !line.equals(".")) {
            // the message itself is not needed
          }
          delivered.incrementAndGet();
          reply(out, "250 queued");
        } else if (command.startsWith("QUIT")) {
          reply(out, "221 bye");
          return;
        } else {
          reply(out, "250 OK");
        }
      }
    } catch (IOException dropped) {
      // the client went away
    }
  }

  private static void reply(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
    synchronized (sockets) {
      for (Socket socket : sockets) {
        socket.close();
      }
    }
  }
}
