package io.quire.platform.jobs;

/** The job queue's statements. */
final class JobSql {
    private JobSql() {}

    /** Enqueues and wakes listeners on commit (NOTIFY is transactional); a deduped duplicate returns no row. */
    static final String ENQUEUE = """
      WITH inserted AS (
        INSERT INTO jobs (id, type, payload, run_at, max_attempts, dedupe_key)
        VALUES ($1, $2, $3, coalesce($4, now()), $5, $6)
        ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL AND status IN ('queued', 'running') DO NOTHING
        RETURNING id, type
      )
      SELECT id, pg_notify('quire_jobs', type) FROM inserted
      """;

    /** Whether a job with this dedupe key exists in any state (periodic jobs: did this period run already). */
    static final String EXISTS_WITH_DEDUPE_KEY = "SELECT 1 FROM jobs WHERE dedupe_key = $1 LIMIT 1";

    /** Claims due jobs of the given types; SKIP LOCKED lets competing workers take disjoint rows. */
    static final String CLAIM = """
      UPDATE jobs j
         SET status = 'running', attempts = j.attempts + 1, locked_by = $3,
             locked_until = now() + make_interval(secs => $4), updated_at = now()
        FROM (SELECT id FROM jobs
               WHERE status = 'queued' AND run_at <= now() AND type = ANY($1)
               ORDER BY run_at
               LIMIT $2
               FOR UPDATE SKIP LOCKED) due
       WHERE j.id = due.id
      RETURNING j.id, j.type, j.payload, j.attempts, j.max_attempts
      """;

    /** Only the worker holding the lease may finish the job. */
    static final String COMPLETE = """
      UPDATE jobs SET status = 'done', finished_at = now(), locked_by = NULL, locked_until = NULL,
                      last_error = NULL, updated_at = now()
       WHERE id = $1 AND locked_by = $2 AND status = 'running'
      """;

    /** Back to the queue after {@code $3} ms, or dead once its attempts are spent. */
    static final String FAIL = """
      UPDATE jobs SET status = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'queued' END,
                      run_at = now() + make_interval(secs => $3 / 1000.0),
                      finished_at = CASE WHEN attempts >= max_attempts THEN now() END,
                      last_error = left($4, 2000), locked_by = NULL, locked_until = NULL, updated_at = now()
       WHERE id = $1 AND locked_by = $2 AND status = 'running'
      RETURNING status
      """;

    /** Jobs whose worker died mid-run go back to the queue (or die, if that was their last attempt). */
    static final String RELEASE_EXPIRED = """
      UPDATE jobs SET status = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'queued' END,
                      finished_at = CASE WHEN attempts >= max_attempts THEN now() END,
                      last_error = 'lease expired (worker stopped or job too slow)',
                      locked_by = NULL, locked_until = NULL, run_at = now(), updated_at = now()
       WHERE status = 'running' AND locked_until < now()
      """;

    /** Finished jobs are kept a while for inspection; dead ones stay until someone looks at them. */
    static final String PRUNE_DONE = """
      DELETE FROM jobs WHERE status = 'done' AND finished_at < now() - make_interval(days => $1)
      """;
}
