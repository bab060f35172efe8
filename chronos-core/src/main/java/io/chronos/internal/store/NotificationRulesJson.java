package io.chronos.internal.store;

import io.chronos.internal.json.Json;
import io.chronos.notify.NotificationRules;
import javax.annotation.Nullable;

/** {@code jobs.notification_rules} as JSON. */
final class NotificationRulesJson {
  private NotificationRulesJson() {}

  @Nullable
  static String write(@Nullable NotificationRules rules) {
    return rules == null ? null : Json.write(rules);
  }

  @Nullable
  static NotificationRules read(@Nullable String json) {
    return json == null ? null : Json.read(json, NotificationRules.class);
  }
}
