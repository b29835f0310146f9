--liquibase formatted sql

--changeset quire:20261122-2330-create-notifications
--comment: in-app notifications; dedupe_key makes a fan-out that is retried or resumed write each one once
CREATE TABLE notifications (
  id           uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id      uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  type         text        NOT NULL,
  title        text        NOT NULL,
  body         text,
  data         jsonb       NOT NULL DEFAULT '{}'::jsonb,
  dedupe_key   text,
  read_at      timestamptz,
  dismissed_at timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX notifications_dedupe ON notifications (user_id, dedupe_key) WHERE dedupe_key IS NOT NULL;
CREATE INDEX notifications_user_recent ON notifications (user_id, created_at DESC, id DESC) WHERE dismissed_at IS NULL;
CREATE INDEX notifications_user_unread ON notifications (user_id) WHERE read_at IS NULL AND dismissed_at IS NULL;

-- per type, whether a user wants it in the app and by email (absent: the type's default)
CREATE TABLE notification_settings (
  user_id  uuid  PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  settings jsonb NOT NULL DEFAULT '{}'::jsonb
);
--rollback DROP TABLE notification_settings; DROP TABLE notifications;
