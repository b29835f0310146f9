--liquibase formatted sql

--changeset quire:20261123-0300-create-author-payouts
--comment: money the gateways paid out to authors' bank accounts, as their payout events report it
CREATE TABLE author_payouts (
  id                uuid        PRIMARY KEY,
  author_id         uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  gateway           text        NOT NULL,
  gateway_payout_id text        NOT NULL,
  amount            bigint      NOT NULL,
  fees              bigint      NOT NULL DEFAULT 0,
  currency          char(3)     NOT NULL,
  status            text        NOT NULL CHECK (status IN ('PENDING', 'IN_TRANSIT', 'PAID', 'FAILED', 'CANCELLED')),
  arrival_date      date,
  reference         text,
  failure_code      text,
  failure_message   text,
  state_at          timestamptz NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (gateway, gateway_payout_id)
);
CREATE INDEX author_payouts_author ON author_payouts (author_id, created_at DESC, id DESC);
--rollback DROP TABLE author_payouts;
