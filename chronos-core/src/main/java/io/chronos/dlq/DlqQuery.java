package io.chronos.dlq;

import io.chronos.PageRequest;
import java.time.Instant;
import javax.annotation.Nullable;

/**
 * A filter for the dead-letter queue; every criterion optional. Newest first. A USER sees only the
 * events of own jobs.
 *
 * @param jobId only this job's events
 * @param ownerId only events of this owner's jobs
 * @param status only events in this status
 * @param from created at or after
 * @param to created before
 * @param page which page
 */
public record DlqQuery(
    @Nullable String jobId,
    @Nullable String ownerId,
    @Nullable DlqStatus status,
    @Nullable Instant from,
    @Nullable Instant to,
    PageRequest page) {

  /** Every event the actor may see, first page. */
  public static DlqQuery all() {
    return new DlqQuery(null, null, null, null, null, PageRequest.first());
  }

  public DlqQuery job(@Nullable String jobId) {
    return new DlqQuery(jobId, ownerId, status, from, to, page);
  }

  public DlqQuery owner(@Nullable String ownerId) {
    return new DlqQuery(jobId, ownerId, status, from, to, page);
  }

  public DlqQuery status(@Nullable DlqStatus status) {
    return new DlqQuery(jobId, ownerId, status, from, to, page);
  }

  public DlqQuery between(@Nullable Instant from, @Nullable Instant to) {
    return new DlqQuery(jobId, ownerId, status, from, to, page);
  }

  public DlqQuery page(PageRequest page) {
    return new DlqQuery(jobId, ownerId, status, from, to, page);
  }
}
