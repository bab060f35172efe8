package io.chronos.testsupport;

import io.chronos.Chronos;
import io.chronos.PageRequest;
import io.chronos.run.JobRun;
import io.chronos.security.Actor;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The frame of every contract suite: one database (a fresh schema) per test class, fresh nodes per
 * test, closed after it. Subclasses name the database and build their nodes from {@link #nodes}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DatabaseContract {
  protected TestDatabase db;
  protected JdbcTemplate jdbc;
  protected TestNodes nodes;

  /** The database this run of the suite uses. */
  protected abstract TestDatabase.Kind kind();

  @BeforeAll
  void openDatabase() {
    db = TestDatabase.open(kind());
    jdbc = new JdbcTemplate(db.dataSource());
  }

  @AfterAll
  void closeDatabase() {
    db.close();
  }

  @BeforeEach
  void newNodes() {
    nodes = new TestNodes(db);
  }

  @AfterEach
  void closeNodes() {
    nodes.close();
  }

  /** The job's runs as the node lists them (up to 1000), the earliest fire time first. */
  protected static List<JobRun> runsByFireTime(Chronos node, String jobId) {
    return node.runs().forJob(Actor.system(), jobId, PageRequest.first(1000)).items().stream()
        .sorted(Comparator.comparing(JobRun::scheduledAt))
        .toList();
  }

  /** The fire times of the job's runs, the earliest first. */
  protected static List<Instant> scheduledRuns(Chronos node, String jobId) {
    return runsByFireTime(node, jobId).stream().map(JobRun::scheduledAt).toList();
  }

  /** A name unique in the suite's schema. */
  protected static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
