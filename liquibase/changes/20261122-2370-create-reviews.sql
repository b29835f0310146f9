--liquibase formatted sql

--changeset quire:20261122-2370-create-reviews
--comment: one review per reader per series, with the author's one response and readers' helpful votes; series_stats keeps the average
CREATE TABLE reviews (
  id                  uuid        PRIMARY KEY,
  series_id           uuid        NOT NULL REFERENCES series (id) ON DELETE CASCADE,
  site_id             uuid        NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  user_id             uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  rating              smallint    NOT NULL CHECK (rating BETWEEN 1 AND 5),
  sub_ratings         jsonb       NOT NULL DEFAULT '{}'::jsonb,
  title               text,
  content             text        NOT NULL,
  content_html        text        NOT NULL,
  has_spoiler         boolean     NOT NULL DEFAULT false,
  is_hidden           boolean     NOT NULL DEFAULT false,
  edited_at           timestamptz,
  author_response     text,
  author_responded_at timestamptz,
  helpful_count       integer     NOT NULL DEFAULT 0,
  unhelpful_count     integer     NOT NULL DEFAULT 0,
  created_at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (series_id, user_id)
);
CREATE INDEX reviews_series_recent ON reviews (series_id, created_at DESC, id DESC);

CREATE TABLE review_votes (
  review_id  uuid        NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
  user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  is_helpful boolean     NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (review_id, user_id)
);

ALTER TABLE series_stats ADD COLUMN rating_count integer NOT NULL DEFAULT 0;
ALTER TABLE series_stats ADD COLUMN rating_average numeric(3,2);
--rollback ALTER TABLE series_stats DROP COLUMN rating_average, DROP COLUMN rating_count; DROP TABLE review_votes; DROP TABLE reviews;
