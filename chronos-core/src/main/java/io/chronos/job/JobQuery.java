package io.chronos.job;

import io.chronos.PageRequest;
import javax.annotation.Nullable;

/**
 * A filter for listing jobs; every criterion is optional. A USER's listing is always restricted to
 * own jobs, whatever {@code ownerId} says.
 *
 * @param ownerId only jobs of this owner
 * @param status only jobs in this status
 * @param type only jobs of this type
 * @param tag only jobs carrying this tag
 * @param page which page
 */
public record JobQuery(
    @Nullable String ownerId,
    @Nullable JobStatus status,
    @Nullable JobType type,
    @Nullable String tag,
    PageRequest page) {

  /** Every job the actor may see, first page. */
  public static JobQuery all() {
    return new JobQuery(null, null, null, null, PageRequest.first());
  }

  public JobQuery owner(@Nullable String ownerId) {
    return new JobQuery(ownerId, status, type, tag, page);
  }

  public JobQuery status(@Nullable JobStatus status) {
    return new JobQuery(ownerId, status, type, tag, page);
  }

  public JobQuery type(@Nullable JobType type) {
    return new JobQuery(ownerId, status, type, tag, page);
  }

  public JobQuery tag(@Nullable String tag) {
    return new JobQuery(ownerId, status, type, tag, page);
  }

  public JobQuery page(PageRequest page) {
    return new JobQuery(ownerId, status, type, tag, page);
  }
}
