package io.chronos.cluster;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.chronos.Chronos;
import io.chronos.testsupport.SharedSchema;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A Chronos node in a JVM of its own, for {@link CrashTest} to kill mid-run. Arguments: the JDBC
 * URL, the schema (already migrated by the test) and the node id. Prints {@code READY} once
 * started, then blocks until the process is killed.
 */
public final class CrashNodeMain {
  /** What the node prints once it executes runs. */
  public static final String READY = "READY";

  private CrashNodeMain() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length != 3) {
      System.err.println("usage: CrashNodeMain <jdbc-url> <schema> <node-id>");
      System.exit(2);
    }
    HikariConfig pool = new HikariConfig();
    pool.setJdbcUrl(args[0]);
    pool.setUsername(SharedSchema.POSTGRESQL_USER);
    pool.setMaximumPoolSize(6);
    pool.setPoolName("crash-node");
    Chronos node =
        Chronos.builder()
            .dataSource(new HikariDataSource(pool))
            .schema(args[1])
            .nodeId(args[2])
            .migrate(false)
            .workerThreads(2)
            .pollInterval(Duration.ofMillis(50))
            .lease(Duration.ofSeconds(2))
            .heartbeatInterval(Duration.ofMillis(300))
            .clusterCheckinInterval(Duration.ofSeconds(1))
            .build()
            .start();
    System.out.println(READY + " " + node.nodeId());
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
