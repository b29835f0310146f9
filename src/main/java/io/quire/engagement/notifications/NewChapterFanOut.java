package io.quire.engagement.notifications;

import io.quire.platform.jobs.Job;
import io.quire.platform.jobs.JobHandler;
import io.quire.platform.jobs.JobQueue;
import io.quire.platform.jobs.JobRequest;
import io.quire.platform.links.ReaderLinks;
import io.quire.platform.outbox.OutboxHandler;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * Tells an author's followers about a new chapter, off the publish request: {@code chapter.published} in the outbox
 * enqueues the first step; each step notifies the next {@code batchSize} followers (in follower id order) and, in
 * the same transaction, enqueues the step after them. A crash loses nothing and skips no one: the step that did not
 * commit runs again from its own cursor, and {@code (user, chapter)} is unique, so a step that did commit but was
 * not marked done writes nothing twice. Followers who take email get one too (a signed one-click unsubscribe link
 * and {@code List-Unsubscribe}), queued in the step's transaction, once per follower and chapter, and sent by one
 * {@code mail.send_batch} job per step.
 */
public final class NewChapterFanOut implements JobHandler {
    public static final String JOB = "engagement.new_chapter_fanout";
    public static final String TOPIC = "chapter.published";

    static final String STEP = """
      WITH ch AS (
        SELECT c.id, c.title, c.slug, c.series_id, c.site_id, se.title AS series_title, se.slug AS series_slug,
               se.author_id, si.slug AS site_slug, si.reader_base_url
          FROM chapters c JOIN series se ON se.id = c.series_id JOIN sites si ON si.id = c.site_id
         WHERE c.id = $1 AND c.status = 'PUBLISHED' AND c.deleted_at IS NULL AND se.deleted_at IS NULL),
      batch AS (
        SELECT f.follower_id FROM author_follows f JOIN ch ON f.author_id = ch.author_id
         WHERE f.notify_new_chapters AND ($2::uuid IS NULL OR f.follower_id > $2)
         ORDER BY f.follower_id LIMIT $3),
      wanted AS (
        SELECT b.follower_id FROM batch b LEFT JOIN notification_settings s ON s.user_id = b.follower_id
         WHERE coalesce((s.settings -> 'NEW_CHAPTER' ->> 'inApp')::boolean, true)),
      added AS (
        INSERT INTO notifications (user_id, type, title, body, data, dedupe_key)
        SELECT w.follower_id, 'NEW_CHAPTER', ch.series_title || ': ' || ch.title, 'A new chapter is out.',
               jsonb_build_object('chapterId', ch.id, 'seriesId', ch.series_id, 'siteId', ch.site_id), 'chapter:' || ch.id
          FROM wanted w, ch
        ON CONFLICT DO NOTHING RETURNING 1)
      SELECT (SELECT max(follower_id::text) FROM batch) AS last, (SELECT count(*) FROM batch) AS seen,
             (SELECT count(*) FROM added) AS added, (SELECT array_agg(follower_id) FROM batch) AS followers,
             (SELECT series_title || ': ' || title FROM ch) AS heading,
             (SELECT id FROM ch) AS chapter_id, (SELECT slug FROM ch) AS chapter_slug, (SELECT series_slug FROM ch) AS series_slug,
             (SELECT site_id FROM ch) AS site_id, (SELECT site_slug FROM ch) AS site_slug,
             (SELECT reader_base_url FROM ch) AS reader_base_url
      """;

    /** Followers in a step who get the email too: active, verified address, email for new chapters not turned off. */
    static final String EMAIL_TO = """
      SELECT u.id, u.email, u.display_name FROM users u LEFT JOIN notification_settings s ON s.user_id = u.id
       WHERE u.id = ANY($1) AND u.status = 'ACTIVE' AND u.email_verified_at IS NOT NULL
         AND coalesce((s.settings -> 'NEW_CHAPTER' ->> 'email')::boolean, true)
      """;

    /** One email per follower and chapter, ever: a step that runs again queues none twice. */
    static final String QUEUE_EMAILS = """
      INSERT INTO outbound_emails (id, to_address, subject, text_body, template, headers, dedupe_key)
      SELECT gen_random_uuid(), t.to_address, t.subject, t.body, 'new-chapter', t.headers::jsonb, t.dedupe_key
        FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS t(to_address, subject, body, headers, dedupe_key)
      ON CONFLICT DO NOTHING RETURNING id
      """;

    private final Pool pool;
    private final JobQueue jobs;
    private final int batchSize;
    private final ReaderLinks links;
    private final UnsubscribeTokens tokens;

    public NewChapterFanOut(Pool pool, JobQueue jobs, int batchSize, ReaderLinks links, UnsubscribeTokens tokens) {
        this.pool = pool;
        this.jobs = jobs;
        this.batchSize = batchSize;
        this.links = links;
        this.tokens = tokens;
    }

    /** The outbox side: the first step, once per chapter. */
    public OutboxHandler onPublished() {
        return (tx, message) -> jobs.enqueue(tx, step(message.payload().getString("chapterId"), null))
                .mapEmpty();
    }

    private static JobRequest step(String chapterId, String after) {
        return JobRequest.of(JOB, new JsonObject().put("chapterId", chapterId).put("after", after))
                .dedupedBy("new_chapter:" + chapterId + ":" + (after == null ? "start" : after));
    }

    @Override
    public Future<Void> handle(Job job) {
        String chapterId = job.payload().getString("chapterId");
        String after = job.payload().getString("after");
        return pool.withTransaction(tx -> tx.preparedQuery(STEP)
                .execute(Tuple.of(UUID.fromString(chapterId), after == null ? null : UUID.fromString(after), batchSize))
                .compose(rows -> {
                    Row r = rows.iterator().next();
                    Future<Void> next = r.getLong("seen") == batchSize
                            ? jobs.enqueue(tx, step(chapterId, r.getString("last")))
                                    .mapEmpty()
                            : Future.<Void>succeededFuture();
                    UUID[] followers = r.getArrayOfUUIDs("followers");
                    return followers == null || followers.length == 0
                            ? next
                            : next.compose(
                                    v -> emails(tx, chapterId, r.getString("heading"), readerLink(r), followers));
                }));
    }

    /** Where the mail sends a reader: the chapter's page on the site's reader site, or its public read resource. */
    private String readerLink(Row r) {
        return links.site(r.getUUID("site_id"), r.getString("site_slug"), r.getString("reader_base_url"))
                .chapter(r.getUUID("chapter_id"), r.getString("series_slug"), r.getString("chapter_slug"));
    }

    /** The step's emails, queued in its transaction and sent by one {@code mail.send_batch} job. */
    private Future<Void> emails(
            io.vertx.sqlclient.SqlConnection tx, String chapterId, String heading, String link, UUID[] followers) {
        return tx.preparedQuery(EMAIL_TO).execute(Tuple.of(followers)).compose(rows -> {
            int n = rows.size();
            if (n == 0) {
                return Future.succeededFuture();
            }
            String[] to = new String[n];
            String[] subject = new String[n];
            String[] body = new String[n];
            String[] headers = new String[n];
            String[] dedupe = new String[n];
            int i = 0;
            for (Row u : rows) {
                String unsubscribe = links.api() + "/api/v1/notifications/unsubscribe?token="
                        + tokens.issue(u.getUUID("id"), NotificationTypes.NEW_CHAPTER);
                to[i] = u.getString("email");
                subject[i] = "New chapter: " + heading;
                body[i] = "Hi " + u.getString("display_name") + ",\n\n" + heading + " is out.\nRead it: " + link
                        + "\n\nNo more new-chapter emails: "
                        + unsubscribe + "\n";
                headers[i] = new JsonObject()
                        .put("List-Unsubscribe", "<" + unsubscribe + ">")
                        .put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
                        .encode();
                dedupe[i] = "new-chapter:" + chapterId + ":" + u.getUUID("id");
                i++;
            }
            return tx.preparedQuery(QUEUE_EMAILS)
                    .execute(Tuple.of(to, subject, body, headers, dedupe))
                    .compose(queued -> {
                        io.vertx.core.json.JsonArray ids = new io.vertx.core.json.JsonArray();
                        queued.forEach(q -> ids.add(q.getUUID("id").toString()));
                        return ids.isEmpty()
                                ? Future.succeededFuture()
                                : jobs.enqueue(
                                                tx,
                                                JobRequest.of(
                                                        io.quire.platform.mail.MailSendJob.BATCH_JOB,
                                                        new JsonObject().put("emailIds", ids)))
                                        .mapEmpty();
                    });
        });
    }
}
