--liquibase formatted sql

--changeset quire:20261122-1904-create-site-invitations
--comment: pending invitations to collaborate on a site; the emailed token is stored as SHA-256
CREATE TABLE site_invitations (
  id           uuid        PRIMARY KEY,
  site_id      uuid        NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  email        text        NOT NULL,
  role         text        NOT NULL CHECK (role IN ('EDITOR', 'WRITER', 'VIEWER')),
  permissions  jsonb       NOT NULL DEFAULT '{}'::jsonb,
  token_hash   text        NOT NULL,
  invited_by   uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL
);
CREATE UNIQUE INDEX site_invitations_token_key ON site_invitations (token_hash);
-- one pending invitation per address per site
CREATE UNIQUE INDEX site_invitations_site_email_key ON site_invitations (site_id, email);
CREATE INDEX site_invitations_email_idx ON site_invitations (email);
--rollback DROP TABLE site_invitations;
