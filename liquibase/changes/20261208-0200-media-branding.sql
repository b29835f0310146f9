--liquibase formatted sql

--changeset quire:20261208-0200-media-branding
--comment: avatars, site logos and favicons from uploaded images (the file's usageCount counts these uses)
ALTER TABLE users ADD COLUMN avatar_media_id uuid REFERENCES media_files (id) ON DELETE SET NULL;
ALTER TABLE sites
  ADD COLUMN logo_media_id    uuid REFERENCES media_files (id) ON DELETE SET NULL,
  ADD COLUMN favicon_media_id uuid REFERENCES media_files (id) ON DELETE SET NULL;
CREATE INDEX users_avatar_media_idx ON users (avatar_media_id) WHERE avatar_media_id IS NOT NULL;
CREATE INDEX sites_branding_media_idx ON sites (logo_media_id, favicon_media_id)
  WHERE logo_media_id IS NOT NULL OR favicon_media_id IS NOT NULL;
--rollback ALTER TABLE sites DROP COLUMN logo_media_id, DROP COLUMN favicon_media_id; ALTER TABLE users DROP COLUMN avatar_media_id;
