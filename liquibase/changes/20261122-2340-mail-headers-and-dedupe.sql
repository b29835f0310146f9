--liquibase formatted sql

--changeset quire:20261122-2340-mail-headers-and-dedupe
--comment: extra mail headers (List-Unsubscribe), and a dedupe key so a retried fan-out step queues each email once
ALTER TABLE outbound_emails ADD COLUMN headers jsonb NOT NULL DEFAULT '{}'::jsonb;
ALTER TABLE outbound_emails ADD COLUMN dedupe_key text;
CREATE UNIQUE INDEX outbound_emails_dedupe ON outbound_emails (dedupe_key) WHERE dedupe_key IS NOT NULL;
--rollback DROP INDEX outbound_emails_dedupe; ALTER TABLE outbound_emails DROP COLUMN dedupe_key, DROP COLUMN headers;
