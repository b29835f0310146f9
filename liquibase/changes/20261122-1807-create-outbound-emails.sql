--liquibase formatted sql

--changeset quire:20261122-1807-create-outbound-emails
--comment: every email Quire sends, written with the change that causes it; a job delivers it (or logs it when no SMTP is set)
CREATE TABLE outbound_emails (
  id          uuid        PRIMARY KEY,
  to_address  text        NOT NULL,
  subject     text        NOT NULL,
  text_body   text        NOT NULL,
  template    text        NOT NULL,
  status      text        NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'logged', 'failed')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  sent_at     timestamptz
);
CREATE INDEX outbound_emails_to_idx ON outbound_emails (to_address, created_at);
--rollback DROP TABLE outbound_emails;
