--liquibase formatted sql

--changeset quire:20261122-2400-create-subscription-tiers
--comment: an author's subscription tiers per site; prices in minor units of the tier's currency
CREATE TABLE subscription_tiers (
  id                  uuid        PRIMARY KEY,
  site_id             uuid        NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  author_id           uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name                text        NOT NULL,
  slug                text        NOT NULL,
  description         text,
  monthly_price       bigint      NOT NULL CHECK (monthly_price >= 0),
  annual_price        bigint      CHECK (annual_price >= 0),
  currency            char(3)     NOT NULL,
  billing_cycles      text[]      NOT NULL DEFAULT '{MONTHLY}',
  benefits            text[]      NOT NULL DEFAULT '{}',
  early_access_days   smallint    NOT NULL DEFAULT 0 CHECK (early_access_days BETWEEN 0 AND 365),
  badge_text          text,
  badge_color         text,
  display_order       integer     NOT NULL DEFAULT 0,
  is_highlighted      boolean     NOT NULL DEFAULT false,
  highlight_text      text,
  is_active           boolean     NOT NULL DEFAULT true,
  is_public           boolean     NOT NULL DEFAULT true,
  max_subscribers     integer     CHECK (max_subscribers > 0),
  current_subscribers integer     NOT NULL DEFAULT 0,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (site_id, slug)
);
CREATE INDEX subscription_tiers_site ON subscription_tiers (site_id, display_order);
--rollback DROP TABLE subscription_tiers;
