package io.quire.engagement.reactions;

import io.quire.platform.jobs.Job;
import io.quire.platform.jobs.JobHandler;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

/**
 * Refreshes comments' {@code reaction_count} (the "top" sort) from the reactions of the comments marked since the
 * last run, in one statement: however many clicks a comment got, its row is written once per run. A comment that
 * passes a milestone tells its writer (once per milestone).
 */
public final class ReactionCountJob implements JobHandler {
    public static final String TYPE = "engagement.reaction_counts";
    /** Refreshes the counts and tells a comment's writer when it first passes 10, 50, 100, 500 or 1,000 reactions. */
    static final String REFRESH = """
      WITH taken AS (DELETE FROM reaction_dirty WHERE target_type = 'comment' RETURNING target_id),
           before AS (SELECT id, reaction_count AS was FROM comments WHERE id IN (SELECT target_id FROM taken)),
           counted AS (
             UPDATE comments c SET reaction_count = (SELECT count(*) FROM reactions r WHERE r.target_type = 'comment' AND r.target_id = c.id)
              WHERE c.id IN (SELECT target_id FROM taken)
             RETURNING c.id, c.user_id, c.chapter_id, c.reaction_count AS now)
      INSERT INTO notifications (user_id, type, title, data, dedupe_key)
      SELECT counted.user_id, 'REACTION_MILESTONE', 'Your comment passed ' || m || ' reactions',
             jsonb_build_object('commentId', counted.id, 'chapterId', counted.chapter_id, 'milestone', m),
             'milestone:' || counted.id || ':' || m
        FROM counted JOIN before USING (id), unnest(ARRAY[10, 50, 100, 500, 1000]) AS m
       WHERE before.was < m AND counted.now >= m AND counted.user_id IS NOT NULL
         AND coalesce((SELECT (settings -> 'REACTION_MILESTONE' ->> 'inApp')::boolean FROM notification_settings s
                        WHERE s.user_id = counted.user_id), true)
      ON CONFLICT DO NOTHING
      """;

    static final String CLEAR_CHAPTERS = "DELETE FROM reaction_dirty WHERE target_type = 'chapter'";

    private final Pool pool;

    public ReactionCountJob(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<Void> handle(Job job) {
        return pool.withTransaction(tx -> tx.query(REFRESH)
                        .execute()
                        .compose(v -> tx.query(CLEAR_CHAPTERS).execute()))
                .mapEmpty();
    }
}
