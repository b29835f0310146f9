package io.quire.platform.mail;

import io.quire.platform.config.QuireConfig;
import io.quire.platform.jobs.Job;
import io.quire.platform.jobs.JobHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.StartTLSOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one queued email over SMTP ({@code mail.smtp.*}); with no SMTP host configured (the development
 * default) it marks the row {@code logged} and logs the recipient and subject, never the body, which may hold a
 * token. A failed send is retried by the job queue with backoff.
 */
public final class MailSendJob implements JobHandler {
    private static final Logger log = LoggerFactory.getLogger(MailSendJob.class);
    private static final String LOAD =
            "SELECT to_address, subject, text_body, template, status, headers FROM outbound_emails WHERE id = $1";
    /** Several emails in one job (a fan-out step's): sent one after the other, each marked as it goes. */
    public static final String BATCH_JOB = "mail.send_batch";

    private static final String MARK = "UPDATE outbound_emails SET status = $2, sent_at = now() WHERE id = $1";

    private final Pool pool;
    private final MailClient client;
    private final String from;

    public MailSendJob(Vertx vertx, Pool pool, QuireConfig.Mail mail) {
        this.pool = pool;
        this.from = mail.from();
        this.client =
                mail.smtp().host().isBlank() ? null : MailClient.createShared(vertx, config(mail.smtp()), "quire-smtp");
    }

    private static MailConfig config(QuireConfig.Smtp smtp) {
        MailConfig config = new MailConfig()
                .setHostname(smtp.host())
                .setPort(smtp.port())
                .setSsl(smtp.ssl())
                .setStarttls(smtp.startTls() ? StartTLSOptions.OPTIONAL : StartTLSOptions.DISABLED);
        if (!smtp.username().isBlank()) {
            config.setUsername(smtp.username()).setPassword(smtp.password()).setLogin(LoginOption.REQUIRED);
        } else {
            config.setLogin(LoginOption.DISABLED);
        }
        return config;
    }

    @Override
    public Future<Void> handle(Job job) {
        return send(UUID.fromString(job.payload().getString("emailId")));
    }

    /** The handler for {@link #BATCH_JOB}: payload {@code {emailIds: [...]}}; a retry skips the ones already sent. */
    public JobHandler batch() {
        return job -> {
            Future<Void> chain = Future.succeededFuture();
            for (Object id : job.payload().getJsonArray("emailIds")) {
                chain = chain.compose(v -> send(UUID.fromString((String) id)));
            }
            return chain;
        };
    }

    private Future<Void> send(UUID id) {
        return pool.preparedQuery(LOAD).execute(Tuple.of(id)).compose(rows -> {
            if (rows.size() == 0 || !"queued".equals(rows.iterator().next().getString("status"))) {
                return Future.succeededFuture(); // already delivered by an earlier attempt, or deleted
            }
            Row email = rows.iterator().next();
            return deliver(email)
                    .compose(status -> pool.preparedQuery(MARK).execute(Tuple.of(id, status)))
                    .mapEmpty();
        });
    }

    private Future<String> deliver(Row email) {
        if (client == null) {
            log.info(
                    "mail not sent (no mail.smtp.host): stored in outbound_emails for {} [{}] '{}'",
                    email.getString("to_address"),
                    email.getString("template"),
                    email.getString("subject"));
            return Future.succeededFuture("logged");
        }
        io.vertx.ext.mail.MailMessage message = new io.vertx.ext.mail.MailMessage()
                .setFrom(from)
                .setTo(email.getString("to_address"))
                .setSubject(email.getString("subject"))
                .setText(email.getString("text_body"));
        io.vertx.core.json.JsonObject headers = email.getJsonObject("headers");
        if (headers != null && !headers.isEmpty()) {
            io.vertx.core.MultiMap extra = io.vertx.core.MultiMap.caseInsensitiveMultiMap();
            headers.forEach(h -> extra.add(h.getKey(), String.valueOf(h.getValue())));
            message.setHeaders(extra);
        }
        return client.sendMail(message).map(result -> "sent");
    }
}
