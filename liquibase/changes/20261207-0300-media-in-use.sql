--liquibase formatted sql

--changeset quire:20261207-0300-media-in-use
--comment: where media is used: a series' cover and banner, and the ordered pages of comic and webtoon chapters
ALTER TABLE series
  ADD COLUMN cover_media_id uuid REFERENCES media_files (id) ON DELETE SET NULL,
  ADD COLUMN banner_media_id uuid REFERENCES media_files (id) ON DELETE SET NULL;
CREATE INDEX series_cover_media_idx ON series (cover_media_id) WHERE cover_media_id IS NOT NULL;
CREATE INDEX series_banner_media_idx ON series (banner_media_id) WHERE banner_media_id IS NOT NULL;

CREATE TABLE chapter_images (
  chapter_id  uuid    NOT NULL REFERENCES chapters (id) ON DELETE CASCADE,
  position    integer NOT NULL CHECK (position >= 0),
  media_id    uuid    NOT NULL REFERENCES media_files (id) ON DELETE CASCADE,
  alt_text    text,
  PRIMARY KEY (chapter_id, position)
);
CREATE INDEX chapter_images_media_idx ON chapter_images (media_id);
--rollback DROP TABLE chapter_images; ALTER TABLE series DROP COLUMN cover_media_id, DROP COLUMN banner_media_id;
