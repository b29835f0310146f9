--liquibase formatted sql

--changeset quire:20261122-1801-create-user-status-history
--comment: every status change with who and why (suspensions, bans)
CREATE TABLE user_status_history (
  id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  status      text        NOT NULL,
  reason      text,
  changed_by  uuid,
  changed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX user_status_history_user_idx ON user_status_history (user_id, changed_at);
--rollback DROP TABLE user_status_history;
