package io.quire.engagement.notifications;

/** In-app notifications and their settings. */
final class NotificationSql {
    private NotificationSql() {}

    static final String LIST = """
      SELECT * FROM notifications
       WHERE user_id = $1 AND dismissed_at IS NULL AND (NOT $2 OR read_at IS NULL) AND ($3::text IS NULL OR type = $3)
         AND ($4::timestamptz IS NULL OR (created_at, id) < ($4, $5))
       ORDER BY created_at DESC, id DESC LIMIT $6
      """;
    static final String UNREAD =
            "SELECT count(*) AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL AND dismissed_at IS NULL";
    static final String READ_ALL =
            "UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL AND dismissed_at IS NULL";
    static final String READ_ONE = """
      UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2 AND dismissed_at IS NULL RETURNING *
      """;
    static final String DISMISS =
            "UPDATE notifications SET dismissed_at = now() WHERE id = $1 AND user_id = $2 AND dismissed_at IS NULL";
    static final String SETTINGS = "SELECT settings FROM notification_settings WHERE user_id = $1";
    static final String SAVE_SETTINGS = """
      INSERT INTO notification_settings AS s (user_id, settings) VALUES ($1, $2)
      ON CONFLICT (user_id) DO UPDATE SET settings = (
        SELECT coalesce(jsonb_object_agg(k, coalesce(s.settings -> k, '{}'::jsonb) || coalesce(EXCLUDED.settings -> k, '{}'::jsonb)), '{}'::jsonb)
          FROM (SELECT jsonb_object_keys(s.settings) UNION SELECT jsonb_object_keys(EXCLUDED.settings)) keys(k))
      RETURNING settings
      """;
}
