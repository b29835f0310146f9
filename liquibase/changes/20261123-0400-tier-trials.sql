--liquibase formatted sql

--changeset quire:20261123-0400-tier-trials
--comment: a tier may start new subscribers with free trial days; a subscription remembers when its trial ends
ALTER TABLE subscription_tiers ADD COLUMN trial_days smallint NOT NULL DEFAULT 0 CHECK (trial_days BETWEEN 0 AND 90);
--rollback ALTER TABLE subscription_tiers DROP COLUMN trial_days;
