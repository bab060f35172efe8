package io.chronos.internal.store;

import io.chronos.payload.JobPayload;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * One payload type's column group in {@code job_payloads}: how its record is written into columns
 * and read back. Register each in {@code PayloadColumns.GROUPS}.
 *
 * @param <P> the payload record
 */
interface ColumnGroup<P extends JobPayload> {

  /** The {@code payload_type} discriminator value. */
  String payloadType();

  /** The payload record class. */
  Class<P> payloadClass();

  /**
   * Puts the column values (column name to JDBC value) of the payload; secrets through {@link
   * PayloadColumns#storeSecret}, JSON columns through {@link PayloadColumns#toJson}.
   */
  void write(P payload, Map<String, Object> values, PayloadColumns columns);

  /** Reads the payload back from a row. */
  P read(ResultSet rs, PayloadColumns columns) throws SQLException;
}
