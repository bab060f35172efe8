package io.chronos.payload;

import io.chronos.job.JobType;

/**
 * The payload of a custom type whose executor is not registered on this node (a dashboard-only
 * node, say): kept as its stored JSON so it can be shown and saved back unchanged.
 *
 * @param type the custom job type
 * @param json the stored JSON
 */
public record UnresolvedPayload(JobType type, String json) implements CustomPayload {}
