package io.chronos.internal.store;

import io.chronos.job.JobStatus;
import io.chronos.schedule.Schedule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * The fire plan of recurring jobs: {@code job_schedules.next_fire_at}, the fire time Chronos has
 * its Quartz trigger set to. A fire or a misfire catch-up moves it on; both do so only after
 * locking the job row, so the two never handle one fire time twice.
 */
public final class FirePlanRepository {
  private final Db db;
  private final Tables t;

  public FirePlanRepository(Db db) {
    this.db = db;
    this.t = db.tables();
  }

  /**
   * What the fire path knows of one job.
   *
   * @param anchor the stored start of the schedule (the grid origin of an interval)
   * @param nextFireAt the planned next fire time, or null when none is planned
   */
  public record Plan(
      String jobId,
      JobStatus status,
      Schedule schedule,
      @Nullable Instant anchor,
      @Nullable Instant nextFireAt) {

    /** True for cron and interval jobs, the ones Quartz fires. */
    public boolean recurring() {
      return schedule instanceof Schedule.Cron || schedule instanceof Schedule.Interval;
    }
  }

  /** A job's next planned fire time, or null for none. */
  public record NextFire(String jobId, @Nullable Instant at) {}

  /** The plan of a job, or empty when the job is gone. Lock the job row first to change it. */
  public Optional<Plan> find(String jobId) {
    return findAll(List.of(jobId)).stream().findFirst();
  }

  /**
   * The plans of those of the jobs that exist, in one query, in no particular order. Lock the job
   * rows first to change them.
   */
  public List<Plan> findAll(List<String> jobIds) {
    if (jobIds.isEmpty()) {
      return List.of();
    }
    return db.jdbc()
        .query(
            "SELECT j.id, j.status, "
                + ScheduleColumns.SELECT
                + " FROM "
                + t.jobs
                + " j JOIN "
                + t.jobSchedules
                + " s ON s.job_id = j.id WHERE j.id IN ("
                + RunRepository.placeholders(jobIds.size())
                + ")",
            (rs, i) ->
                new Plan(
                    rs.getString("id"),
                    JobStatus.valueOf(rs.getString("status")),
                    ScheduleColumns.map(rs, db),
                    db.instant(rs, "start_at"),
                    db.instant(rs, "next_fire_at")),
            jobIds.toArray());
  }

  /** Sets the next planned fire times of jobs, in one JDBC batch. */
  public void setNextFireAll(List<NextFire> fires) {
    List<Object[]> rows = new ArrayList<>(fires.size());
    for (NextFire fire : fires) {
      rows.add(new Object[] {db.ts(fire.at()), fire.jobId()});
    }
    db.jdbc()
        .batchUpdate("UPDATE " + t.jobSchedules + " SET next_fire_at = ? WHERE job_id = ?", rows);
  }

  /**
   * ACTIVE jobs whose planned fire time lies in {@code [from, to]}, the most overdue first. Lock
   * them with {@link #lock} before acting on them.
   */
  public List<String> due(Instant from, Instant to, int limit) {
    return db.jdbc()
        .queryForList(
            activePlans("s.job_id", "s.next_fire_at >= ? AND s.next_fire_at <= ?"),
            String.class,
            db.ts(from),
            db.ts(to),
            limit);
  }

  /**
   * Locks the rows of those of the jobs that are still ACTIVE, until the transaction ends. With
   * {@code skipLocked}, rows another node holds are left out (PostgreSQL, MariaDB; H2 waits for
   * them); without, the call waits for them. Returns the locked job ids; re-read each plan under
   * its lock before acting on it.
   */
  public List<String> lock(List<String> jobIds, boolean skipLocked) {
    if (jobIds.isEmpty()) {
      return jobIds;
    }
    return db.jdbc()
        .queryForList(
            "SELECT id FROM "
                + t.jobs
                + db.dialect().byPrimaryKey()
                + " WHERE status = 'ACTIVE' AND id IN ("
                + RunRepository.placeholders(jobIds.size())
                + ") ORDER BY id"
                + (skipLocked ? db.dialect().skipLocked() : " FOR UPDATE"),
            String.class,
            jobIds.toArray());
  }

  /** The earliest planned fire time of an ACTIVE job at or after {@code from}, if any. */
  public Optional<Instant> earliestFrom(Instant from) {
    return db
        .jdbc()
        .query(
            activePlans("s.next_fire_at", "s.next_fire_at >= ?"),
            (rs, i) -> db.instant(rs, "next_fire_at"),
            db.ts(from),
            1)
        .stream()
        .findFirst();
  }

  /** ACTIVE jobs whose planned fire time is before {@code dueBefore}, the most overdue first. */
  public List<String> overdue(Instant dueBefore, int limit) {
    return db.jdbc()
        .queryForList(
            activePlans("s.job_id", "s.next_fire_at < ?"), String.class, db.ts(dueBefore), limit);
  }

  /** ACTIVE jobs' plans that meet a condition, the earliest first, up to a bound LIMIT. */
  private String activePlans(String columns, String condition) {
    return "SELECT "
        + columns
        + " FROM "
        + t.jobSchedules
        + " s JOIN "
        + t.jobs
        + " j ON j.id = s.job_id WHERE "
        + condition
        + " AND j.status = 'ACTIVE' ORDER BY s.next_fire_at LIMIT ?";
  }

  /**
   * Enabled cron and interval jobs without a planned fire time: saved before Chronos planned fire
   * times itself (their Quartz trigger is a cron or repeating trigger), or whose cron expression
   * fires no more.
   */
  public List<String> unplanned() {
    return db.jdbc()
        .queryForList(
            "SELECT s.job_id FROM "
                + t.jobSchedules
                + " s JOIN "
                + t.jobs
                + " j ON j.id = s.job_id WHERE s.next_fire_at IS NULL"
                + " AND s.schedule_type IN ('CRON', 'INTERVAL') AND j.status <> 'DISABLED'",
            String.class);
  }
}
