package io.chronos.internal.store;

import io.chronos.payload.FileSystemPayload;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/** FILE_SYSTEM: {@code fs_*} columns. */
final class FileSystemColumns implements ColumnGroup<FileSystemPayload> {
  @Override
  public String payloadType() {
    return "FILE_SYSTEM";
  }

  @Override
  public Class<FileSystemPayload> payloadClass() {
    return FileSystemPayload.class;
  }

  @Override
  public void write(FileSystemPayload fs, Map<String, Object> values, PayloadColumns columns) {
    values.put("fs_operation", fs.operation().name());
    values.put("fs_path", fs.path());
    values.put("fs_target", fs.target());
    values.put("fs_glob", fs.glob());
    values.put("fs_older_than_days", fs.olderThanDays());
    values.put("fs_base_dir", fs.baseDir());
  }

  @Override
  public FileSystemPayload read(ResultSet rs, PayloadColumns columns) throws SQLException {
    int days = rs.getInt("fs_older_than_days");
    Integer olderThanDays = rs.wasNull() ? null : days;
    return new FileSystemPayload(
        FileSystemPayload.Operation.valueOf(rs.getString("fs_operation")),
        rs.getString("fs_path"),
        rs.getString("fs_target"),
        rs.getString("fs_glob"),
        olderThanDays,
        rs.getString("fs_base_dir"));
  }
}
