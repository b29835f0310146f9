--liquibase formatted sql

--changeset quire:20261122-1803-create-verification-tokens
--comment: single-use emailed tokens (verify email, reset password, change email), stored as SHA-256
CREATE TABLE verification_tokens (
  token_hash    text        PRIMARY KEY,
  user_id       uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  type          text        NOT NULL CHECK (type IN ('EMAIL_VERIFICATION', 'PASSWORD_RESET', 'EMAIL_CHANGE')),
  new_email     text,
  requested_ip  text,
  expires_at    timestamptz NOT NULL,
  used_at       timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX verification_tokens_user_idx ON verification_tokens (user_id, type);
--rollback DROP TABLE verification_tokens;
