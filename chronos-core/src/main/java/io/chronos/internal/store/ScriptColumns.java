package io.chronos.internal.store;

import com.fasterxml.jackson.core.type.TypeReference;
import io.chronos.payload.ScriptPayload;
import io.chronos.secret.Secret;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.annotation.Nullable;

/**
 * SCRIPT: {@code script_*} columns. {@code script_env} holds the plain variables and the secret
 * ones (in their stored form: a reference, or the value encrypted); {@code script_retryable_codes}
 * is a comma-separated list.
 */
final class ScriptColumns implements ColumnGroup<ScriptPayload> {

  /** The JSON of {@code script_env}. */
  record StoredEnv(@Nullable Map<String, String> values, @Nullable Map<String, Secret> secrets) {}

  @Override
  public String payloadType() {
    return "SCRIPT";
  }

  @Override
  public Class<ScriptPayload> payloadClass() {
    return ScriptPayload.class;
  }

  @Override
  public void write(ScriptPayload script, Map<String, Object> values, PayloadColumns columns) {
    values.put("script_language", script.language());
    values.put("script_content", script.content());
    values.put("script_args", columns.toJson(script.args()));
    values.put("script_env", columns.toJson(new StoredEnv(script.env(), script.secretEnv())));
    values.put("script_working_dir", script.workingDir());
    values.put(
        "script_retryable_codes",
        script.retryableExitCodes().isEmpty()
            ? null
            : script.retryableExitCodes().stream()
                .sorted()
                .map(String::valueOf)
                .collect(Collectors.joining(",")));
  }

  @Override
  public ScriptPayload read(ResultSet rs, PayloadColumns columns) throws SQLException {
    List<String> args =
        columns.fromJson(rs.getString("script_args"), new TypeReference<List<String>>() {});
    StoredEnv env = columns.fromJson(rs.getString("script_env"), new TypeReference<StoredEnv>() {});
    return new ScriptPayload(
        rs.getString("script_language"),
        rs.getString("script_content"),
        args,
        env == null ? null : env.values(),
        env == null ? null : env.secrets(),
        rs.getString("script_working_dir"),
        codes(rs.getString("script_retryable_codes")));
  }

  private static Set<Integer> codes(@Nullable String stored) {
    Set<Integer> codes = new LinkedHashSet<>();
    if (stored != null && !stored.isBlank()) {
      Arrays.stream(stored.split(",")).map(String::strip).map(Integer::valueOf).forEach(codes::add);
    }
    return codes;
  }
}
