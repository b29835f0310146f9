package io.quire.platform.outbox;

/** The outbox's statements. */
final class OutboxSql {
    private OutboxSql() {}

    static final String APPEND = """
      WITH inserted AS (
        INSERT INTO outbox (topic, aggregate_id, payload) VALUES ($1, $2, $3) RETURNING id, topic
      )
      SELECT id, pg_notify('quire_outbox', topic) FROM inserted
      """;

    /** Locks a batch of pending rows of the topics this dispatcher handles; other dispatchers skip them. */
    static final String CLAIM = """
      SELECT id, topic, aggregate_id, payload FROM outbox
       WHERE dispatched_at IS NULL AND topic = ANY($1) AND attempts < $3
       ORDER BY id
       LIMIT $2
       FOR UPDATE SKIP LOCKED
      """;

    static final String MARK_DISPATCHED =
            "UPDATE outbox SET dispatched_at = now(), attempts = attempts + 1 WHERE id = $1";

    static final String MARK_FAILED =
            "UPDATE outbox SET attempts = attempts + 1, last_error = left($2, 2000) WHERE id = $1";

    static final String PRUNE_DISPATCHED = """
      DELETE FROM outbox WHERE dispatched_at < now() - make_interval(days => $1)
      """;
}
