package io.chronos.payload;

import io.chronos.job.JobType;
import java.time.Duration;
import javax.annotation.Nullable;

/**
 * The DUMMY executor's payload: a job that does nothing real, so every engine path can be tested
 * and demonstrated. It succeeds, sleeps (honouring cancellation), fails its first {@code failTimes}
 * attempts, or always fails, and writes {@code logLines} log lines.
 *
 * @param mode what the run does
 * @param sleep how long a SLEEP run sleeps (null otherwise)
 * @param failTimes how many attempts fail before one succeeds (FAIL_TIMES)
 * @param message the failure message, or the success summary
 * @param logLines how many INFO lines the run writes into its log
 */
public record DummyPayload(
    Mode mode, @Nullable Duration sleep, int failTimes, @Nullable String message, int logLines)
    implements JobPayload {

  /** What a DUMMY run does. */
  public enum Mode {
    SUCCEED,
    SLEEP,
    FAIL_TIMES,
    ALWAYS_FAIL
  }

  @Override
  public JobType type() {
    return JobType.DUMMY;
  }

  /** Succeeds at once. */
  public static DummyPayload succeed() {
    return new DummyPayload(Mode.SUCCEED, null, 0, null, 1);
  }

  /** Sleeps for the given time, then succeeds. */
  public static DummyPayload sleep(Duration duration) {
    return new DummyPayload(Mode.SLEEP, duration, 0, null, 1);
  }

  /** Fails the first {@code times} attempts, then succeeds. */
  public static DummyPayload failTimes(int times) {
    return new DummyPayload(Mode.FAIL_TIMES, null, times, "planned failure", 1);
  }

  /** Fails every attempt with the given message. */
  public static DummyPayload alwaysFail(String message) {
    return new DummyPayload(Mode.ALWAYS_FAIL, null, 0, message, 1);
  }

  /** The same payload writing the given number of log lines. */
  public DummyPayload withLogLines(int lines) {
    return new DummyPayload(mode, sleep, failTimes, message, lines);
  }
}
