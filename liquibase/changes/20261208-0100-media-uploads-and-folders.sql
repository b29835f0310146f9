--liquibase formatted sql

--changeset quire:20261208-0100-media-uploads-and-folders
--comment: uploads that do not pass through one request (direct to storage, fetched from a URL), and named folders
CREATE TABLE media_uploads (
  id              uuid        PRIMARY KEY,
  user_id         uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  site_id         uuid        REFERENCES sites (id) ON DELETE SET NULL,
  source          text        NOT NULL CHECK (source IN ('DIRECT', 'URL')),
  status          text        NOT NULL CHECK (status IN ('PENDING', 'UPLOADED', 'COMPLETED', 'FAILED')),
  staging_key     text,
  declared_size   bigint,
  filename        text,
  source_url      text,
  -- a local direct upload's one-time token, kept only as its SHA-256
  token_hash      text,
  folder          text,
  alt_text        text,
  caption         text,
  tags            text[]      NOT NULL DEFAULT '{}',
  file_id         uuid        REFERENCES media_files (id) ON DELETE SET NULL,
  error_code      text,
  error_detail    text,
  expires_at      timestamptz NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX media_uploads_user_idx ON media_uploads (user_id, created_at DESC);
CREATE INDEX media_uploads_expiry_idx ON media_uploads (expires_at) WHERE status IN ('PENDING', 'UPLOADED');

-- a folder is a name in the user's library; files carry the name (media_files.folder), so a rename moves them
CREATE TABLE media_folders (
  id          uuid        PRIMARY KEY,
  user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name        text        NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, name)
);
CREATE INDEX media_files_folder_idx ON media_files (user_id, folder) WHERE deleted_at IS NULL;
--rollback DROP INDEX media_files_folder_idx; DROP TABLE media_folders; DROP TABLE media_uploads;
