package io.quire.webhooks;

/** The inbox's statements. */
final class InboxSql {
    private InboxSql() {}

    /** The author (null when unknown) and each active secret of theirs for the gateway (none: one row of nulls). */
    static final String AUTHOR_SECRETS = """
      SELECT u.id AS owner_id, s.secret_encrypted
        FROM users u LEFT JOIN webhook_secrets s ON s.author_id = u.id AND s.gateway = $2 AND s.source_id IS NULL
                                               AND (s.expires_at IS NULL OR s.expires_at > now())
       WHERE u.id = $1 AND u.deleted_at IS NULL
      """;

    static final String SOURCE_SECRETS = """
      SELECT src.owner_id, s.secret_encrypted
        FROM webhook_sources src LEFT JOIN webhook_secrets s ON s.source_id = src.id
                                               AND (s.expires_at IS NULL OR s.expires_at > now())
       WHERE src.id = $1 AND src.deleted_at IS NULL
      """;

    /**
     * The event and its processing job in one statement, so one round trip (and one commit) acknowledges an event.
     * The job row is what {@code JobQueue.enqueue} would write, without the NOTIFY: the webhooks verticle wakes its
     * own worker. A duplicate inserts nothing and returns the stored event's id with {@code duplicate} true (no row
     * when that event's transaction committed after this statement began: the caller looks again).
     */
    static final String INSERT_EVENT = """
      WITH event AS (
        INSERT INTO webhook_events (id, gateway, author_id, source_id, event_type, gateway_event_id, object_id,
                                    event_created_at, payload, headers, signature_valid)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, true)
        ON CONFLICT (gateway, gateway_event_id) DO NOTHING
        RETURNING id
      ), job AS (
        INSERT INTO jobs (id, type, payload, run_at, max_attempts)
        SELECT $11, 'webhooks.process', jsonb_build_object('eventId', id::text), now(), $12 FROM event
      )
      SELECT id, false AS duplicate FROM event
      UNION ALL
      SELECT id, true FROM webhook_events WHERE gateway = $2 AND gateway_event_id = $6 AND NOT EXISTS (SELECT 1 FROM event)
      """;

    static final String EXISTING_EVENT = "SELECT id FROM webhook_events WHERE gateway = $1 AND gateway_event_id = $2";

    static final String LOCK_EVENT = "SELECT * FROM webhook_events WHERE id = $1 FOR UPDATE";

    /**
     * The object's last applied event time, its row locked for this event's transaction (made at -infinity when
     * new). The no-op update is what locks an existing row and returns it in one statement.
     */
    static final String LOCK_OBJECT = """
      INSERT INTO webhook_object_state AS o (gateway, object_id, last_event_at, last_event_id)
      VALUES ($1, $2, '-infinity', $3)
      ON CONFLICT (gateway, object_id) DO UPDATE SET last_event_at = o.last_event_at
      RETURNING last_event_at
      """;

    static final String APPLIED_TO_OBJECT = """
      UPDATE webhook_object_state SET last_event_at = $3, last_event_id = $4 WHERE gateway = $1 AND object_id = $2
      """;

    static final String SET_DONE = """
      UPDATE webhook_events SET status = $2, processed_at = now(), next_retry_at = NULL, last_error = $3 WHERE id = $1
      """;

    static final String SET_FAILED = """
      UPDATE webhook_events SET status = $2, retry_count = $3, next_retry_at = $4, last_error = $5 WHERE id = $1
      """;
}
