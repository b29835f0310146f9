--liquibase formatted sql

--changeset quire:20261123-0200-create-revenue-snapshots
--comment: an author's revenue per UTC day and per month, per currency, recomputed idempotently by the workers
CREATE TABLE author_revenue_snapshots (
  author_id            uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  day                  date        NOT NULL,
  currency             char(3)     NOT NULL,
  subscription_revenue bigint      NOT NULL DEFAULT 0,
  purchase_revenue     bigint      NOT NULL DEFAULT 0,
  tip_revenue          bigint      NOT NULL DEFAULT 0,
  gift_revenue         bigint      NOT NULL DEFAULT 0,
  gross                bigint      NOT NULL DEFAULT 0,
  gateway_fees         bigint      NOT NULL DEFAULT 0,
  platform_fees        bigint      NOT NULL DEFAULT 0,
  refunds              bigint      NOT NULL DEFAULT 0,
  net                  bigint      NOT NULL DEFAULT 0,
  active_subscribers   integer     NOT NULL DEFAULT 0,
  new_subscribers      integer     NOT NULL DEFAULT 0,
  churned_subscribers  integer     NOT NULL DEFAULT 0,
  mrr                  bigint      NOT NULL DEFAULT 0,
  computed_at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (author_id, day, currency)
);

CREATE TABLE author_revenue_summaries (
  author_id            uuid          NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  month                date          NOT NULL,
  currency             char(3)       NOT NULL,
  subscription_revenue bigint        NOT NULL DEFAULT 0,
  purchase_revenue     bigint        NOT NULL DEFAULT 0,
  tip_revenue          bigint        NOT NULL DEFAULT 0,
  gift_revenue         bigint        NOT NULL DEFAULT 0,
  gross                bigint        NOT NULL DEFAULT 0,
  gateway_fees         bigint        NOT NULL DEFAULT 0,
  platform_fees        bigint        NOT NULL DEFAULT 0,
  refunds              bigint        NOT NULL DEFAULT 0,
  net                  bigint        NOT NULL DEFAULT 0,
  active_subscribers   integer       NOT NULL DEFAULT 0,
  new_subscribers      integer       NOT NULL DEFAULT 0,
  churned_subscribers  integer       NOT NULL DEFAULT 0,
  mrr                  bigint        NOT NULL DEFAULT 0,
  churn_rate           numeric(7,4)  NOT NULL DEFAULT 0,
  computed_at          timestamptz   NOT NULL DEFAULT now(),
  PRIMARY KEY (author_id, month, currency)
);
--rollback DROP TABLE author_revenue_summaries; DROP TABLE author_revenue_snapshots;
