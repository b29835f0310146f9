--liquibase formatted sql

--changeset quire:20261122-1800-create-users
--comment: accounts; email is stored normalised (trimmed, lower-case) so the unique index is the rule
CREATE TABLE users (
  id                   uuid        PRIMARY KEY,
  email                text        NOT NULL,
  username             text        NOT NULL CHECK (username ~ '^[a-z0-9_]{3,30}$'),
  display_name         text        NOT NULL,
  bio                  text,
  avatar_url           text,
  timezone             text        NOT NULL DEFAULT 'UTC',
  locale               text        NOT NULL DEFAULT 'en',
  preferences          jsonb       NOT NULL DEFAULT '{}'::jsonb,
  role                 text        NOT NULL DEFAULT 'READER'
                                   CHECK (role IN ('READER', 'AUTHOR', 'COLLABORATOR', 'ADMIN', 'SUPER_ADMIN')),
  status               text        NOT NULL DEFAULT 'PENDING_VERIFICATION'
                                   CHECK (status IN ('PENDING_VERIFICATION', 'ACTIVE', 'SUSPENDED', 'BANNED', 'DELETED')),
  email_verified_at    timestamptz,
  password_hash        text        NOT NULL,
  password_changed_at  timestamptz NOT NULL DEFAULT now(),
  mfa_enabled          boolean     NOT NULL DEFAULT false,
  mfa_secret           text,
  mfa_pending_secret   text,
  mfa_last_step        bigint,
  failed_login_count   smallint    NOT NULL DEFAULT 0,
  locked_until         timestamptz,
  last_login_at        timestamptz,
  last_login_ip        text,
  tokens_valid_after   timestamptz NOT NULL DEFAULT '-infinity',
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  deleted_at           timestamptz
);
CREATE UNIQUE INDEX users_email_key ON users (email);
CREATE UNIQUE INDEX users_username_key ON users (username);
-- the admin list: filter by status and role, page by id
CREATE INDEX users_status_role_idx ON users (status, role, id);
--rollback DROP TABLE users;
