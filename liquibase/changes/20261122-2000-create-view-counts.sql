--liquibase formatted sql

--changeset quire:20261122-2000-create-view-counts
--comment: chapter reads counted off the hot path, summed per series (the popular sort); per-chapter analytics come with the analytics events
CREATE TABLE series_stats (
  series_id  uuid        PRIMARY KEY REFERENCES series (id) ON DELETE CASCADE,
  views      bigint      NOT NULL DEFAULT 0 CHECK (views >= 0),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX series_stats_views ON series_stats (views DESC, series_id DESC);
--rollback DROP TABLE series_stats;
