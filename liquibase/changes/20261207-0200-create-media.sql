--liquibase formatted sql

--changeset quire:20261207-0200-create-media
--comment: uploaded files, their image variants, and each user's exact storage use
CREATE TABLE media_files (
  id                 uuid        PRIMARY KEY,
  user_id            uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  site_id            uuid        REFERENCES sites (id) ON DELETE SET NULL,
  filename           text        NOT NULL,
  original_filename  text        NOT NULL,
  mime_type          text        NOT NULL,
  kind               text        NOT NULL CHECK (kind IN ('IMAGE', 'DOCUMENT', 'VIDEO', 'OTHER')),
  file_size          bigint      NOT NULL CHECK (file_size >= 0),
  sha256             text        NOT NULL,
  storage_provider   text        NOT NULL,
  storage_key        text        NOT NULL,
  width              integer,
  height             integer,
  dominant_color     text,
  placeholder        text,
  is_processed       boolean     NOT NULL DEFAULT false,
  processed_at       timestamptz,
  processing_error   text,
  alt_text           text,
  caption            text,
  folder             text,
  tags               text[]      NOT NULL DEFAULT '{}',
  usage_count        integer     NOT NULL DEFAULT 0,
  last_used_at       timestamptz,
  scan_status        text        NOT NULL DEFAULT 'PENDING' CHECK (scan_status IN ('PENDING', 'SCANNING', 'CLEAN', 'FLAGGED', 'INFECTED', 'ERROR')),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  deleted_at         timestamptz
);
CREATE INDEX media_files_user_idx ON media_files (user_id, created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX media_files_site_idx ON media_files (site_id) WHERE site_id IS NOT NULL;
CREATE INDEX media_files_purge_idx ON media_files (deleted_at) WHERE deleted_at IS NOT NULL;

CREATE TABLE media_variants (
  file_id      uuid    NOT NULL REFERENCES media_files (id) ON DELETE CASCADE,
  name         text    NOT NULL,
  mime_type    text    NOT NULL,
  width        integer NOT NULL,
  height       integer NOT NULL,
  file_size    bigint  NOT NULL,
  sha256       text    NOT NULL,
  storage_key  text    NOT NULL,
  PRIMARY KEY (file_id, name)
);

-- kept exactly: changed in the transaction that adds or removes a file
CREATE TABLE storage_usage (
  user_id          uuid        PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  total_bytes      bigint      NOT NULL DEFAULT 0 CHECK (total_bytes >= 0),
  image_bytes      bigint      NOT NULL DEFAULT 0,
  document_bytes   bigint      NOT NULL DEFAULT 0,
  video_bytes      bigint      NOT NULL DEFAULT 0,
  other_bytes      bigint      NOT NULL DEFAULT 0,
  total_files      integer     NOT NULL DEFAULT 0 CHECK (total_files >= 0),
  image_files      integer     NOT NULL DEFAULT 0,
  document_files   integer     NOT NULL DEFAULT 0,
  video_files      integer     NOT NULL DEFAULT 0,
  updated_at       timestamptz NOT NULL DEFAULT now()
);
--rollback DROP TABLE storage_usage; DROP TABLE media_variants; DROP TABLE media_files;
