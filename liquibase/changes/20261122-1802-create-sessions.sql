--liquibase formatted sql

--changeset quire:20261122-1802-create-sessions
--comment: a sign-in on one device; refresh tokens rotate inside it, and reuse of a rotated one revokes it
CREATE TABLE sessions (
  id              uuid        PRIMARY KEY,
  user_id         uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  user_agent      text,
  ip_address      text,
  device_type     text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  last_active_at  timestamptz NOT NULL DEFAULT now(),
  expires_at      timestamptz NOT NULL,
  revoked_at      timestamptz,
  revoked_reason  text
);
CREATE INDEX sessions_user_idx ON sessions (user_id) WHERE revoked_at IS NULL;

CREATE TABLE refresh_tokens (
  token_hash  text        PRIMARY KEY,
  session_id  uuid        NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  rotated_at  timestamptz
);
CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id);
--rollback DROP TABLE refresh_tokens; DROP TABLE sessions;
