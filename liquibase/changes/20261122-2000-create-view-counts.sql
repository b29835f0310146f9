--liquibase formatted sql

--changeset quire:20261122-2000-create-view-counts
--comment: chapter reads counted off the hot path: per chapter per UTC day, and per series in total (the popular sort)
CREATE TABLE chapter_view_days (
  chapter_id uuid   NOT NULL REFERENCES chapters (id) ON DELETE CASCADE,
  day        date   NOT NULL,
  series_id  uuid   NOT NULL,
  site_id    uuid   NOT NULL,
  views      bigint NOT NULL CHECK (views >= 0),
  PRIMARY KEY (chapter_id, day)
);
CREATE INDEX chapter_view_days_series_day ON chapter_view_days (series_id, day);

CREATE TABLE series_stats (
  series_id  uuid        PRIMARY KEY REFERENCES series (id) ON DELETE CASCADE,
  views      bigint      NOT NULL DEFAULT 0 CHECK (views >= 0),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX series_stats_views ON series_stats (views DESC, series_id DESC);
--rollback DROP TABLE series_stats; DROP TABLE chapter_view_days;
