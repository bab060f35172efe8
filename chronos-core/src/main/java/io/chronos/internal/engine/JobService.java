package io.chronos.internal.engine;

import io.chronos.ConflictException;
import io.chronos.FieldError;
import io.chronos.NotFoundException;
import io.chronos.Page;
import io.chronos.ValidationException;
import io.chronos.audit.AuditAction;
import io.chronos.internal.store.Db;
import io.chronos.internal.store.JobRepository;
import io.chronos.internal.store.PayloadColumns;
import io.chronos.internal.store.RunRepository;
import io.chronos.internal.store.RunRepository.NewRun;
import io.chronos.internal.store.UserRepository;
import io.chronos.job.Job;
import io.chronos.job.JobQuery;
import io.chronos.job.JobSpec;
import io.chronos.job.JobStatus;
import io.chronos.job.Jobs;
import io.chronos.run.JobRun;
import io.chronos.run.RunStatus;
import io.chronos.run.TriggerType;
import io.chronos.schedule.Schedule;
import io.chronos.security.AccessDeniedException;
import io.chronos.security.Actor;
import io.chronos.spi.JobExecutor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.Nullable;
import org.springframework.dao.DuplicateKeyException;

/**
 * {@link Jobs}: every change is one transaction over Chronos's rows, Quartz's rows and the audit.
 */
public final class JobService implements Jobs {
  private final Db db;
  private final JobRepository jobs;
  private final RunRepository runs;
  private final UserRepository users;
  private final PayloadColumns payloads;
  private final FirePlanner firePlanner;
  private final ExecutorRegistry executors;
  private final JobValidator validator;
  private final Auditor auditor;
  private final Runnable queueChanged;
  private final java.time.ZoneId defaultZone;

  JobService(
      Db db,
      JobRepository jobs,
      RunRepository runs,
      UserRepository users,
      PayloadColumns payloads,
      FirePlanner firePlanner,
      ExecutorRegistry executors,
      Auditor auditor,
      Runnable queueChanged,
      java.util.Set<String> channelNames,
      java.time.ZoneId defaultZone) {
    this.defaultZone = defaultZone;
    this.db = db;
    this.jobs = jobs;
    this.runs = runs;
    this.users = users;
    this.payloads = payloads;
    this.firePlanner = firePlanner;
    this.executors = executors;
    this.validator = new JobValidator(executors, channelNames);
    this.auditor = auditor;
    this.queueChanged = queueChanged;
  }

  /** A cron schedule given without a zone gets the node's default zone. */
  private JobSpec withDefaultZone(JobSpec spec) {
    if (spec.schedule() instanceof Schedule.Cron cron && cron.zoneId() == null) {
      return spec.toBuilder().cron(cron.expression(), defaultZone).build();
    }
    return spec;
  }

  @Override
  public Job create(Actor actor, JobSpec given) {
    JobSpec spec = withDefaultZone(given);
    String ownerId = spec.ownerId() != null ? spec.ownerId() : actor.userId();
    String id = Ids.next();
    checkMayOwn(actor, ownerId, id);
    checkTypePermission(actor, spec, id);
    throwIfInvalid(validator.validate(spec));
    JobStatus status = spec.enabled() ? JobStatus.ACTIVE : JobStatus.DISABLED;
    try {
      return db.inTransaction(
          () -> {
            checkOwnerAndName(ownerId, spec.name(), null);
            Instant now = db.now();
            jobs.insert(row(id, ownerId, spec, status, now), now);
            applySchedule(id, spec.schedule(), status, now);
            Job created = jobs.find(id).orElseThrow();
            auditor.record(actor, AuditAction.CREATE, "JOB", id, null, snapshot(created));
            return created;
          });
    } catch (DuplicateKeyException e) {
      throw duplicateName(spec.name());
    }
  }

  @Override
  public Job update(Actor actor, String jobId, JobSpec given) {
    JobSpec spec = withDefaultZone(given);
    checkTypePermission(actor, spec, jobId);
    throwIfInvalid(validator.validate(spec));
    try {
      return db.inTransaction(
          () -> {
            Job before = lockForChange(actor, jobId);
            String ownerId = spec.ownerId() != null ? spec.ownerId() : before.ownerId();
            if (!ownerId.equals(before.ownerId())) {
              checkMayOwn(actor, ownerId, jobId);
            }
            checkOwnerAndName(ownerId, spec.name(), jobId);
            JobStatus status =
                !spec.enabled()
                    ? JobStatus.DISABLED
                    : before.status() == JobStatus.PAUSED ? JobStatus.PAUSED : JobStatus.ACTIVE;
            Instant now = db.now();
            jobs.update(row(jobId, ownerId, spec, status, now), now);
            applySchedule(jobId, spec.schedule(), status, now);
            Job after = jobs.find(jobId).orElseThrow();
            auditor.record(
                actor, AuditAction.UPDATE, "JOB", jobId, snapshot(before), snapshot(after));
            return after;
          });
    } catch (DuplicateKeyException e) {
      throw duplicateName(spec.name());
    }
  }

  @Override
  public Job pause(Actor actor, String jobId) {
    return db.inTransaction(
        () -> {
          Job before = lockForChange(actor, jobId);
          if (before.status() == JobStatus.PAUSED) {
            return before;
          }
          if (before.status() == JobStatus.DISABLED) {
            throw new ConflictException("Job " + jobId + " is disabled; enable it with an update");
          }
          jobs.setStatus(jobId, JobStatus.PAUSED, db.now());
          runs.hold(jobId);
          Job after = jobs.find(jobId).orElseThrow();
          auditor.record(actor, AuditAction.PAUSE, "JOB", jobId, snapshot(before), snapshot(after));
          return after;
        });
  }

  @Override
  public Job resume(Actor actor, String jobId) {
    return db.inTransaction(
        () -> {
          Job before = lockForChange(actor, jobId);
          if (before.status() != JobStatus.PAUSED) {
            return before;
          }
          Instant now = db.now();
          jobs.setStatus(jobId, JobStatus.ACTIVE, now);
          // Planned afresh from now: the fires of the pause are not misfires to catch up.
          firePlanner.plan(jobId, now);
          runs.release(jobId);
          Db.afterCommit(queueChanged);
          Job after = jobs.find(jobId).orElseThrow();
          auditor.record(
              actor, AuditAction.RESUME, "JOB", jobId, snapshot(before), snapshot(after));
          return after;
        });
  }

  @Override
  public void delete(Actor actor, String jobId) {
    db.inTransaction(
        () -> {
          Job before = lockForChange(actor, jobId);
          jobs.delete(jobId);
          auditor.record(actor, AuditAction.DELETE, "JOB", jobId, snapshot(before), null);
        });
  }

  @Override
  public JobRun trigger(Actor actor, String jobId) {
    return db.inTransaction(
        () -> {
          Job job = lockForChange(actor, jobId);
          if (job.status() != JobStatus.ACTIVE) {
            throw new ConflictException(
                "Job " + jobId + " is " + job.status() + "; only an ACTIVE job can be triggered");
          }
          Instant now = db.now();
          String runId = Ids.next();
          runs.enqueue(
              new NewRun(
                  runId,
                  jobId,
                  1,
                  "M" + runId,
                  TriggerType.MANUAL,
                  now,
                  now,
                  RunStatus.QUEUED,
                  null,
                  null));
          Db.afterCommit(queueChanged);
          auditor.record(actor, AuditAction.TRIGGER, "JOB", jobId, null, Map.of("runId", runId));
          return runs.find(runId).orElseThrow();
        });
  }

  @Override
  public Optional<Job> get(Actor actor, String jobId) {
    return jobs.find(jobId).filter(job -> actor.mayAccess(job.ownerId()));
  }

  @Override
  public Optional<Job> findByName(Actor actor, String ownerId, String name) {
    if (!actor.mayAccess(ownerId)) {
      return Optional.empty();
    }
    return jobs.findByName(ownerId, name);
  }

  @Override
  public Page<Job> list(Actor actor, JobQuery query) {
    JobQuery effective = actor.isAdmin() ? query : query.owner(actor.userId());
    List<Job> rows = jobs.list(effective);
    return Pages.of(rows, effective.page().limit(), Job::id);
  }

  @Override
  public List<Instant> nextFireTimes(Actor actor, String jobId, Instant after, int count) {
    Job job = get(actor, jobId).orElseThrow(() -> new NotFoundException("No job with id " + jobId));
    if (job.status() != JobStatus.ACTIVE) {
      return List.of();
    }
    if (job.schedule() instanceof Schedule.Interval interval) {
      // The planned next fire anchors the interval's grid.
      return job.nextFireTime() == null
          ? List.of()
          : FireTimes.nextOfInterval(interval, job.nextFireTime(), after, count);
    }
    if (job.schedule() instanceof Schedule.Once) {
      return job.nextFireTime() != null && job.nextFireTime().isAfter(after) && count > 0
          ? List.of(job.nextFireTime())
          : List.of();
    }
    return FireTimes.next(job.schedule(), after, count);
  }

  /** Loads and locks a job for a change, checking that the actor may change it. */
  private Job lockForChange(Actor actor, String jobId) {
    String ownerId =
        jobs.lockOwner(jobId).orElseThrow(() -> new NotFoundException("No job with id " + jobId));
    if (!actor.mayAccess(ownerId)) {
      // A USER learns nothing about other users' jobs: the same answer as for a missing job.
      denied(actor, jobId, "job belongs to another user");
      throw new NotFoundException("No job with id " + jobId);
    }
    return jobs.find(jobId).orElseThrow(() -> new NotFoundException("No job with id " + jobId));
  }

  private void checkMayOwn(Actor actor, String ownerId, String entityId) {
    if (!actor.isAdmin() && !actor.userId().equals(ownerId)) {
      denied(actor, entityId, "a USER cannot create or move jobs for another user");
      throw new AccessDeniedException("A USER can only own jobs itself");
    }
  }

  private void checkTypePermission(Actor actor, JobSpec spec, String entityId) {
    if (actor.isAdmin() || spec.payload() == null) {
      return;
    }
    Optional<JobExecutor<?>> executor = executors.find(spec.payload().type());
    if (executor.isPresent() && executor.get().adminOnly()) {
      denied(actor, entityId, "job type " + spec.payload().type() + " is ADMIN-only");
      throw new AccessDeniedException(
          "Only an ADMIN may create or change jobs of type " + spec.payload().type());
    }
  }

  private void denied(Actor actor, String entityId, String reason) {
    // Recorded in a transaction of its own: the refused change itself rolls back.
    db.inNewTransaction(
        () ->
            auditor.record(
                actor, AuditAction.ACCESS_DENIED, "JOB", entityId, null, Map.of("reason", reason)));
  }

  private void checkOwnerAndName(String ownerId, String name, @Nullable String exceptJobId) {
    List<FieldError> errors = new ArrayList<>();
    if (users.find(ownerId).isEmpty()) {
      errors.add(new FieldError("ownerId", "no user with id " + ownerId));
    } else if (jobs.nameTaken(ownerId, name, exceptJobId)) {
      errors.add(duplicateName(name).errors().get(0));
    }
    throwIfInvalid(errors);
  }

  private static ValidationException duplicateName(String name) {
    return new ValidationException(
        List.of(
            new FieldError("name", "a job named '" + name + "' already exists for this owner")));
  }

  private static void throwIfInvalid(List<FieldError> errors) {
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
  }

  private JobRepository.JobRow row(
      String id, String ownerId, JobSpec spec, JobStatus status, Instant now) {
    return new JobRepository.JobRow(
        id,
        ownerId,
        spec.name(),
        spec.description(),
        spec.payload().type(),
        status,
        spec.timeout(),
        spec.tags(),
        spec.schedule(),
        startAt(spec.schedule(), now),
        payloads.toRow(spec.payload()),
        spec.retryPolicy(),
        spec.concurrency(),
        spec.notificationRules());
  }

  @Nullable
  private static Instant startAt(Schedule schedule, Instant now) {
    if (schedule instanceof Schedule.Interval interval) {
      return now.plus(interval.initialDelay());
    }
    return schedule instanceof Schedule.Cron ? now : null;
  }

  /** Makes the fire plan, Quartz and the queue match the job's schedule and status. */
  private void applySchedule(String jobId, Schedule schedule, JobStatus status, Instant now) {
    firePlanner.plan(jobId, now);
    if (schedule instanceof Schedule.Once once) {
      runs.dropPendingOnce(jobId);
      if (status != JobStatus.DISABLED) {
        runs.enqueue(
            new NewRun(
                Ids.next(),
                jobId,
                1,
                "O" + once.at().toEpochMilli(),
                TriggerType.ONCE,
                once.at(),
                once.at(),
                status == JobStatus.PAUSED ? RunStatus.HELD : RunStatus.QUEUED,
                null,
                null));
        Db.afterCommit(queueChanged);
      }
    }
  }

  /** The audit view of a job: every field, the payload with secrets masked. */
  static Map<String, Object> snapshot(Job job) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("id", job.id());
    map.put("ownerId", job.ownerId());
    map.put("name", job.name());
    map.put("description", job.description());
    map.put("type", job.type().name());
    map.put("status", job.status().name());
    map.put("schedule", scheduleView(job.schedule()));
    map.put("payload", PayloadColumns.maskedSnapshot(job.payload()));
    map.put("tags", job.tags().stream().sorted().toList());
    map.put("timeout", job.timeout() == null ? null : job.timeout().toString());
    map.put("concurrency", job.concurrency().name());
    map.put("notificationRules", job.notificationRules());
    map.put("retryPolicy", job.retryPolicy() == null ? null : job.retryPolicy().toString());
    map.put("version", job.version());
    return map;
  }

  private static Map<String, Object> scheduleView(Schedule schedule) {
    Map<String, Object> map = new LinkedHashMap<>();
    if (schedule instanceof Schedule.Cron c) {
      map.put("type", "CRON");
      map.put("cron", c.expression());
      map.put("zone", c.zoneId());
      map.put("misfire", c.misfire().toString());
    } else if (schedule instanceof Schedule.Interval i) {
      map.put("type", "INTERVAL");
      map.put("every", i.every().toString());
      map.put("misfire", i.misfire().toString());
    } else if (schedule instanceof Schedule.Once o) {
      map.put("type", "ONCE");
      map.put("at", o.at().toString());
    } else {
      map.put("type", "MANUAL");
    }
    return map;
  }
}
