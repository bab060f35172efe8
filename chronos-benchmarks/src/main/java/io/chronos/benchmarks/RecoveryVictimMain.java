package io.chronos.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.chronos.Chronos;
import java.util.concurrent.CountDownLatch;

/**
 * The node the recovery scenario kills: a Chronos node in a JVM of its own, builder defaults except
 * its id and worker threads (enough to hold every run of the round at once); lease and heartbeat
 * are the builder's defaults. Arguments: JDBC URL, user, schema (migrated by the harness), node id,
 * worker threads. Prints {@code READY <node id> lease=<lease>} once started, then blocks until it
 * is killed.
 */
public final class RecoveryVictimMain {
  static final String READY = "READY";

  private RecoveryVictimMain() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length != 5) {
      System.err.println(
          "usage: RecoveryVictimMain <jdbc-url> <user> <schema> <node-id> <workers>");
      System.exit(2);
    }
    HikariConfig pool = new HikariConfig();
    pool.setJdbcUrl(args[0]);
    pool.setUsername(args[1]);
    pool.setMaximumPoolSize(10);
    pool.setPoolName("recovery-victim");
    Chronos node =
        Chronos.builder()
            .dataSource(new HikariDataSource(pool))
            .schema(args[2])
            .nodeId(args[3])
            .workerThreads(Integer.parseInt(args[4]))
            .migrate(false)
            .build()
            .start();
    System.out.println(READY + " " + node.nodeId() + " lease=" + node.status().lease());
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
