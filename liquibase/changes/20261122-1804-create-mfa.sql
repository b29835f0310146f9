--liquibase formatted sql

--changeset quire:20261122-1804-create-mfa
--comment: MFA backup codes (hashed, single use) and login challenges waiting for a second factor
CREATE TABLE mfa_backup_codes (
  user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  code_hash  text        NOT NULL,
  used_at    timestamptz,
  PRIMARY KEY (user_id, code_hash)
);

CREATE TABLE mfa_challenges (
  token_hash  text        PRIMARY KEY,
  user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  attempts    smallint    NOT NULL DEFAULT 0,
  user_agent  text,
  ip_address  text,
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz
);
--rollback DROP TABLE mfa_challenges; DROP TABLE mfa_backup_codes;
