--liquibase formatted sql

--changeset quire:20261122-1805-create-author-profiles
--comment: the public face of an author (created when a reader becomes an author)
CREATE TABLE author_profiles (
  user_id                uuid        PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  pen_name               text,
  tagline                text,
  full_bio               text,
  website_url            text,
  social_links           jsonb       NOT NULL DEFAULT '{}'::jsonb,
  genres                 text[]      NOT NULL DEFAULT '{}',
  accepting_commissions  boolean     NOT NULL DEFAULT false,
  allow_direct_messages  boolean     NOT NULL DEFAULT true,
  is_verified            boolean     NOT NULL DEFAULT false,
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now()
);
--rollback DROP TABLE author_profiles;
