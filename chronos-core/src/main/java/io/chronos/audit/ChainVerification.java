package io.chronos.audit;

import javax.annotation.Nullable;

/**
 * The result of checking the audit trail's hash chain.
 *
 * @param intact true when every sealed event's hash matches its content and links to the previous
 * @param checked how many sealed events were checked
 * @param firstBrokenEventId the first event (in chain order) whose hash or link does not match
 * @param problem what is wrong with it
 */
public record ChainVerification(
    boolean intact, long checked, @Nullable String firstBrokenEventId, @Nullable String problem) {}
