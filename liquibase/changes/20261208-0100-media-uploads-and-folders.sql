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
INSERT INTO media_folders (id, user_id, name)
  SELECT gen_random_uuid(), user_id, folder FROM media_files WHERE folder IS NOT NULL GROUP BY user_id, folder;

-- bytes served from the user's files this month, counted in batches by the ingest verticle; a per-user storage
-- limit an operator may set over the one the user's role has
ALTER TABLE storage_usage
  ADD COLUMN bandwidth_used_bytes   bigint      NOT NULL DEFAULT 0,
  ADD COLUMN bandwidth_period_start timestamptz NOT NULL DEFAULT date_trunc('month', now()),
  ADD COLUMN storage_limit_bytes    bigint;
--rollback ALTER TABLE storage_usage DROP COLUMN bandwidth_used_bytes, DROP COLUMN bandwidth_period_start, DROP COLUMN storage_limit_bytes; DROP INDEX media_files_folder_idx; DROP TABLE media_folders; DROP TABLE media_uploads;

--changeset quire:20261208-0101-media-folder-rows splitStatements:false
--comment: every folder name a file carries has its folder row, whichever path set it (upload, edit, move, bulk)
CREATE FUNCTION media_folder_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.folder IS NOT NULL THEN
    INSERT INTO media_folders (id, user_id, name) VALUES (gen_random_uuid(), NEW.user_id, NEW.folder)
      ON CONFLICT (user_id, name) DO NOTHING;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER media_files_folder_row AFTER INSERT OR UPDATE OF folder ON media_files
  FOR EACH ROW EXECUTE FUNCTION media_folder_row();
--rollback DROP TRIGGER media_files_folder_row ON media_files; DROP FUNCTION media_folder_row();
