package io.quire.platform.mail;

import io.quire.platform.ids.Ids;
import io.quire.platform.jobs.JobQueue;
import io.quire.platform.jobs.JobRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * Queues mail durably: the email row and the job that delivers it are written in the caller's transaction,
 * so a mail exists exactly when the change that causes it (a reset token, an account) does.
 */
public final class Mailer {
    public static final String SEND_JOB = "mail.send";
    static final String INSERT = """
      INSERT INTO outbound_emails (id, to_address, subject, text_body, template) VALUES ($1, $2, $3, $4, $5)
      """;

    private final JobQueue jobs;

    public Mailer(JobQueue jobs) {
        this.jobs = jobs;
    }

    public Future<UUID> queue(SqlClient tx, MailMessage message) {
        UUID id = Ids.newId();
        return tx.preparedQuery(INSERT)
                .execute(Tuple.of(id, message.to(), message.subject(), message.textBody(), message.template()))
                .compose(v -> jobs.enqueue(tx, JobRequest.of(SEND_JOB, new JsonObject().put("emailId", id.toString()))))
                .map(v -> id);
    }
}
