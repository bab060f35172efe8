package io.chronos.internal.store;

import io.chronos.payload.DummyPayload;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/** DUMMY: {@code dummy_*} columns. */
final class DummyColumns implements ColumnGroup<DummyPayload> {
  @Override
  public String payloadType() {
    return "DUMMY";
  }

  @Override
  public Class<DummyPayload> payloadClass() {
    return DummyPayload.class;
  }

  @Override
  public void write(DummyPayload dummy, Map<String, Object> values, PayloadColumns columns) {
    values.put("dummy_mode", dummy.mode().name());
    values.put("dummy_sleep_ms", dummy.sleep() == null ? null : dummy.sleep().toMillis());
    values.put("dummy_fail_times", dummy.failTimes());
    values.put("dummy_message", dummy.message());
    values.put("dummy_log_lines", dummy.logLines());
  }

  @Override
  public DummyPayload read(ResultSet rs, PayloadColumns columns) throws SQLException {
    return new DummyPayload(
        DummyPayload.Mode.valueOf(rs.getString("dummy_mode")),
        PayloadColumns.millis(rs, "dummy_sleep_ms"),
        rs.getInt("dummy_fail_times"),
        rs.getString("dummy_message"),
        rs.getInt("dummy_log_lines"));
  }
}
