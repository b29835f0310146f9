--liquibase formatted sql

--changeset quire:20261123-0100-create-subscriptions-and-payments
--comment: readers' subscriptions, payments with their event history, chapter purchases and gifts; money in minor units
ALTER TABLE chapters ADD COLUMN purchase_price bigint CHECK (purchase_price > 0),
                     ADD COLUMN purchase_currency char(3);
-- the tier's plan (price) at each gateway per billing cycle, e.g. {"razorpay:MONTHLY": "plan_…"}
ALTER TABLE subscription_tiers ADD COLUMN gateway_plans jsonb NOT NULL DEFAULT '{}'::jsonb;

-- INCOMPLETE: a checkout is open (its seat on a capped tier is held); CANCELLED: will not renew, readable until
-- current_period_end; EXPIRED: over. state_at is the gateway's time of the event that last set the state, so an
-- older event arriving late never rolls it back.
CREATE TABLE reader_subscriptions (
  id                      uuid        PRIMARY KEY,
  reader_id               uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  site_id                 uuid        NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  author_id               uuid        NOT NULL REFERENCES users (id),
  tier_id                 uuid        NOT NULL REFERENCES subscription_tiers (id) ON DELETE RESTRICT,
  status                  text        NOT NULL CHECK (status IN ('INCOMPLETE', 'ACTIVE', 'PAST_DUE', 'CANCELLED', 'EXPIRED', 'PAUSED')),
  billing_cycle           text        NOT NULL CHECK (billing_cycle IN ('MONTHLY', 'ANNUAL')),
  price                   bigint      NOT NULL CHECK (price >= 0),
  currency                char(3)     NOT NULL,
  gateway                 text        NOT NULL,
  gateway_subscription_id text,
  gateway_customer_id     text,
  current_period_start    timestamptz,
  current_period_end      timestamptz,
  is_trialing             boolean     NOT NULL DEFAULT false,
  trial_ends_at           timestamptz,
  auto_renew              boolean     NOT NULL DEFAULT true,
  is_gift                 boolean     NOT NULL DEFAULT false,
  cancelled_at            timestamptz,
  cancel_reason           text,
  cancel_feedback         text,
  expires_at              timestamptz,
  paused_at               timestamptz,
  pause_ends_at           timestamptz,
  pause_count             smallint    NOT NULL DEFAULT 0,
  last_paused_at          timestamptz,
  renewal_reminder_sent_at timestamptz,
  expiry_reminder_sent_at timestamptz,
  seat_held               boolean     NOT NULL DEFAULT true,
  state_at                timestamptz,
  version                 integer     NOT NULL DEFAULT 1,
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX reader_subscriptions_gateway_key ON reader_subscriptions (gateway, gateway_subscription_id);
-- one live subscription per reader and site: a change of tier changes the row
CREATE UNIQUE INDEX reader_subscriptions_live_key ON reader_subscriptions (reader_id, site_id)
  WHERE status IN ('ACTIVE', 'PAST_DUE', 'PAUSED', 'CANCELLED');
CREATE INDEX reader_subscriptions_reader ON reader_subscriptions (reader_id, created_at DESC);
CREATE INDEX reader_subscriptions_site ON reader_subscriptions (site_id, status, created_at DESC);
CREATE INDEX reader_subscriptions_due ON reader_subscriptions (status, current_period_end);

CREATE TABLE gift_subscriptions (
  id              uuid        PRIMARY KEY,
  giver_id        uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  recipient_email text        NOT NULL,
  recipient_name  text,
  recipient_id    uuid        REFERENCES users (id) ON DELETE SET NULL,
  site_id         uuid        NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  tier_id         uuid        NOT NULL REFERENCES subscription_tiers (id) ON DELETE RESTRICT,
  months          smallint    NOT NULL CHECK (months BETWEEN 1 AND 24),
  amount          bigint      NOT NULL,
  currency        char(3)     NOT NULL,
  message         text,
  delivery_date   timestamptz NOT NULL DEFAULT now(),
  status          text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'PAID', 'DELIVERED', 'CLAIMED', 'EXPIRED', 'REFUNDED')),
  claim_code      text        NOT NULL UNIQUE,
  delivered_at    timestamptz,
  claimed_at      timestamptz,
  subscription_id uuid        REFERENCES reader_subscriptions (id) ON DELETE SET NULL,
  claim_expires_at timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX gift_subscriptions_giver ON gift_subscriptions (giver_id, created_at DESC);
CREATE INDEX gift_subscriptions_recipient ON gift_subscriptions (lower(recipient_email));
CREATE INDEX gift_subscriptions_due ON gift_subscriptions (delivery_date) WHERE status = 'PAID';

CREATE TABLE payments (
  id                  uuid        PRIMARY KEY,
  reader_id           uuid        NOT NULL REFERENCES users (id),
  author_id           uuid        NOT NULL REFERENCES users (id),
  site_id             uuid        NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  type                text        NOT NULL CHECK (type IN ('SUBSCRIPTION', 'ONE_TIME_PURCHASE', 'TIP', 'GIFT')),
  status              text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'PROCESSING', 'SUCCEEDED', 'FAILED',
                                    'REFUNDED', 'PARTIALLY_REFUNDED', 'DISPUTED', 'CANCELLED', 'EXPIRED')),
  gross_amount        bigint      NOT NULL CHECK (gross_amount >= 0),
  gateway_fee         bigint,
  platform_fee        bigint,
  net_amount          bigint,
  currency            char(3)     NOT NULL,
  gateway             text        NOT NULL,
  checkout_session_id text,
  checkout_url        text,
  checkout_expires_at timestamptz,
  gateway_payment_id  text,
  gateway_invoice_id  text,
  subscription_id     uuid        REFERENCES reader_subscriptions (id) ON DELETE SET NULL,
  tier_id             uuid,
  chapter_id          uuid,
  series_id           uuid,
  gift_id             uuid        REFERENCES gift_subscriptions (id) ON DELETE SET NULL,
  message             text,
  failure_code        text,
  failure_message     text,
  failure_at          timestamptz,
  refunded_amount     bigint      NOT NULL DEFAULT 0,
  refunded_at         timestamptz,
  refund_reason       text,
  refund_gateway_id   text,
  refund_status       text,
  disputed_at         timestamptz,
  dispute_reason      text,
  dispute_status      text,
  dispute_evidence    jsonb,
  dispute_resolved_at timestamptz,
  dispute_outcome     text,
  state_at            timestamptz,
  processed_at        timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX payments_session_key ON payments (gateway, checkout_session_id);
CREATE UNIQUE INDEX payments_invoice_key ON payments (gateway, gateway_invoice_id);
CREATE INDEX payments_gateway_payment ON payments (gateway, gateway_payment_id);
CREATE INDEX payments_author ON payments (author_id, created_at DESC, id DESC);
CREATE INDEX payments_reader ON payments (reader_id, created_at DESC, id DESC);
CREATE INDEX payments_subscription ON payments (subscription_id, created_at DESC);
CREATE INDEX payments_open_checkouts ON payments (checkout_expires_at) WHERE status = 'PENDING';

CREATE TABLE payment_events (
  id               bigserial   PRIMARY KEY,
  payment_id       uuid        REFERENCES payments (id) ON DELETE CASCADE,
  subscription_id  uuid        REFERENCES reader_subscriptions (id) ON DELETE CASCADE,
  event_type       text        NOT NULL,
  previous_status  text,
  new_status       text,
  gateway_event_id text,
  metadata         jsonb       NOT NULL DEFAULT '{}'::jsonb,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payment_events_payment ON payment_events (payment_id, id);
CREATE INDEX payment_events_subscription ON payment_events (subscription_id, id);

CREATE TABLE chapter_purchases (
  reader_id  uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  chapter_id uuid        NOT NULL REFERENCES chapters (id) ON DELETE CASCADE,
  site_id    uuid        NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  payment_id uuid        REFERENCES payments (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (reader_id, chapter_id)
);
CREATE INDEX chapter_purchases_site ON chapter_purchases (reader_id, site_id);
--rollback DROP TABLE chapter_purchases; DROP TABLE payment_events; DROP TABLE payments; DROP TABLE gift_subscriptions; DROP TABLE reader_subscriptions; ALTER TABLE chapters DROP COLUMN purchase_price, DROP COLUMN purchase_currency; ALTER TABLE subscription_tiers DROP COLUMN gateway_plans;
