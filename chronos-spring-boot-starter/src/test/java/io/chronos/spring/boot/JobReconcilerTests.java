package io.chronos.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.chronos.Chronos;
import io.chronos.Page;
import io.chronos.job.Job;
import io.chronos.job.JobQuery;
import io.chronos.job.JobSpec;
import io.chronos.job.Jobs;
import io.chronos.run.JobRun;
import io.chronos.security.Actor;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class JobReconcilerTests {
  private Chronos chronos;

  @BeforeEach
  void buildNode() {
    chronos =
        Chronos.builder()
            .dataSource(
                new DriverManagerDataSource(
                    "jdbc:h2:mem:reconciler-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"))
            .executor(
                new MethodJobExecutor(
                    new ChronosJobAnnotationBeanPostProcessor(), new DefaultListableBeanFactory()))
            .build();
  }

  @AfterEach
  void closeNode() {
    chronos.close();
  }

  @Test
  void a_node_that_loses_the_race_to_create_reads_the_winners_job_back() throws Exception {
    DeclaredJob declared = declared("raced");
    // Another node creates the job between this node's read and its insert.
    Jobs racing = new RacingJobs(chronos.jobs(), declared.toSpec(ZoneId.of("UTC")));

    new JobReconciler(racing, () -> List.of(declared), ZoneId.of("UTC"), false).reconcile();

    Job job =
        chronos.jobs().findByName(Actor.system(), Actor.SYSTEM_USER_ID, "raced").orElseThrow();
    assertThat(job.version()).isZero();
  }

  @Test
  void an_equal_declaration_changes_nothing() throws Exception {
    DeclaredJob declared = declared("steady");
    JobReconciler reconciler =
        new JobReconciler(chronos.jobs(), () -> List.of(declared), ZoneId.of("UTC"), false);
    reconciler.reconcile();
    reconciler.reconcile();
    Job job =
        chronos.jobs().findByName(Actor.system(), Actor.SYSTEM_USER_ID, "steady").orElseThrow();
    assertThat(job.version()).isZero();
  }

  private static DeclaredJob declared(String name) throws NoSuchMethodException {
    Method method = JobReconcilerTests.class.getDeclaredMethod("target");
    return new DeclaredJob(
        name,
        "someBean",
        method,
        null,
        null,
        Duration.ofMinutes(5),
        null,
        null,
        null,
        Set.of(),
        io.chronos.job.Concurrency.ALLOW,
        null);
  }

  @SuppressWarnings("unused")
  private void target() {}

  /** Jobs whose first create finds the job created by "another node" just before it. */
  private static final class RacingJobs implements Jobs {
    private final Jobs delegate;
    private final JobSpec competitor;
    private final AtomicBoolean raced = new AtomicBoolean();

    RacingJobs(Jobs delegate, JobSpec competitor) {
      this.delegate = delegate;
      this.competitor = competitor;
    }

    @Override
    public Job create(Actor actor, JobSpec spec) {
      if (raced.compareAndSet(false, true)) {
        delegate.create(Actor.system(), competitor);
      }
      return delegate.create(actor, spec);
    }

    @Override
    public Job update(Actor actor, String jobId, JobSpec spec) {
      return delegate.update(actor, jobId, spec);
    }

    @Override
    public Job pause(Actor actor, String jobId) {
      return delegate.pause(actor, jobId);
    }

    @Override
    public Job resume(Actor actor, String jobId) {
      return delegate.resume(actor, jobId);
    }

    @Override
    public void delete(Actor actor, String jobId) {
      delegate.delete(actor, jobId);
    }

    @Override
    public JobRun trigger(Actor actor, String jobId) {
      return delegate.trigger(actor, jobId);
    }

    @Override
    public Optional<Job> get(Actor actor, String jobId) {
      return delegate.get(actor, jobId);
    }

    @Override
    public Optional<Job> findByName(Actor actor, String ownerId, String name) {
      return delegate.findByName(actor, ownerId, name);
    }

    @Override
    public Page<Job> list(Actor actor, JobQuery query) {
      return delegate.list(actor, query);
    }

    @Override
    public List<Instant> nextFireTimes(Actor actor, String jobId, Instant after, int count) {
      return delegate.nextFireTimes(actor, jobId, after, count);
    }
  }
}
