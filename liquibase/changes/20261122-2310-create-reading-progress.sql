--liquibase formatted sql

--changeset quire:20261122-2310-create-reading-progress
--comment: where each reader is in each series (the latest client time wins across devices), and chapter bookmarks
CREATE TABLE reading_progress (
  user_id           uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  series_id         uuid        NOT NULL REFERENCES series (id) ON DELETE CASCADE,
  chapter_id        uuid        NOT NULL REFERENCES chapters (id) ON DELETE CASCADE,
  percent           real        NOT NULL CHECK (percent >= 0 AND percent <= 100),
  client_updated_at timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, series_id)
);
-- "continue reading": a reader's series, most recently read first
CREATE INDEX reading_progress_recent ON reading_progress (user_id, client_updated_at DESC, series_id DESC);

CREATE TABLE bookmarks (
  id          uuid        PRIMARY KEY,
  user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  chapter_id  uuid        NOT NULL REFERENCES chapters (id) ON DELETE CASCADE,
  series_id   uuid        NOT NULL REFERENCES series (id) ON DELETE CASCADE,
  paragraph   integer     CHECK (paragraph >= 0),
  percent     real        CHECK (percent >= 0 AND percent <= 100),
  note        text,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX bookmarks_user_recent ON bookmarks (user_id, created_at DESC, id DESC);
--rollback DROP TABLE bookmarks; DROP TABLE reading_progress;
