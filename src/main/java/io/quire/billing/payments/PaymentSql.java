package io.quire.billing.payments;

/** Payments as authors and readers see them. */
final class PaymentSql {
    private PaymentSql() {}

    static final String LIST = """
      SELECT * FROM payments
       WHERE %s = $1
         AND ($2::uuid IS NULL OR site_id = $2) AND ($3::text IS NULL OR type = $3) AND ($4::text IS NULL OR status = $4)
         AND ($5::timestamptz IS NULL OR created_at >= $5) AND ($6::timestamptz IS NULL OR created_at < $6)
         AND ($7::uuid IS NULL OR series_id = $7)
         AND ($8::timestamptz IS NULL OR (created_at, id) < ($8, $9))
       ORDER BY created_at DESC, id DESC
       LIMIT $10
      """;
    static final String AUTHOR_LIST = LIST.formatted("author_id");
    static final String READER_LIST = LIST.formatted("reader_id");
    static final String EXPORT = """
      SELECT * FROM payments WHERE author_id = $1 AND ($2::timestamptz IS NULL OR created_at >= $2)
         AND ($3::timestamptz IS NULL OR created_at < $3) ORDER BY created_at, id
      """;
    static final String BY_ID = "SELECT * FROM payments WHERE id = $1";
    static final String AUTHOR_ONE = "SELECT * FROM payments WHERE id = $1 AND author_id = $2";
    static final String READER_ONE = "SELECT * FROM payments WHERE id = $1 AND reader_id = $2";
    static final String EVENTS = """
      SELECT event_type, previous_status, new_status, gateway_event_id, metadata, created_at FROM payment_events
       WHERE payment_id = $1 ORDER BY id
      """;
    static final String REFUND_REQUESTED = """
      UPDATE payments SET refund_status = 'PENDING', refund_gateway_id = $2, refund_reason = $3, updated_at = now() WHERE id = $1
      """;
    static final String REFUND_EVENT = """
      INSERT INTO payment_events (payment_id, subscription_id, event_type, previous_status, new_status, metadata)
      VALUES ($1, $2, 'refund.requested', $3, $3, $4)
      """;
    static final String EVIDENCE = """
      UPDATE payments SET dispute_evidence = coalesce(dispute_evidence, '[]'::jsonb) || jsonb_build_array($2::jsonb), updated_at = now()
       WHERE id = $1 RETURNING *
      """;
}
