package io.quire.billing.ledger;

import io.quire.platform.http.ApiException;
import io.vertx.sqlclient.Row;

/**
 * Where a reader's subscription is. INCOMPLETE: its checkout is open (a seat held); ACTIVE; PAST_DUE: a renewal
 * failed, still readable for the grace days; CANCELLED: will not renew, readable to its period's end; PAUSED;
 * EXPIRED: over, for good. The rules of which reports may move it live here.
 */
public enum SubscriptionStatus {
    INCOMPLETE,
    ACTIVE,
    PAST_DUE,
    CANCELLED,
    EXPIRED,
    PAUSED;

    public static SubscriptionStatus of(Row subscription) {
        return valueOf(subscription.getString("status"));
    }

    /**
     * Whether a gateway's report that the subscription is now {@code next} applies: an ended subscription does not
     * come back, and one not yet paid waits for its payment (only ACTIVE or EXPIRED move it).
     */
    public boolean acceptsGatewayReport(SubscriptionStatus next) {
        return switch (this) {
            case EXPIRED -> false;
            case INCOMPLETE -> next == ACTIVE || next == EXPIRED;
            default -> true;
        };
    }

    /** A renewal charge failed: only an active subscription falls behind (PAST_DUE); others keep their status. */
    public boolean fallsBehindOnFailedRenewal() {
        return this == ACTIVE;
    }

    /** Whether a refund or a lost dispute has anything left to take back. */
    public boolean canBeTakenBack() {
        return this != EXPIRED;
    }

    // ---- what a reader may do with their subscription in this status (409 naming the status otherwise)

    public void checkPausable() {
        require(this == ACTIVE, "subscription.not_pausable", "Only an active subscription can be paused.");
    }

    public void checkUnpausable() {
        require(this == PAUSED, "subscription.not_paused", "Only a paused subscription can be unpaused.");
    }

    public void checkTierChangeable() {
        require(this == ACTIVE, "subscription.not_changeable", "Only an active subscription can change tier.");
    }

    public void checkCancellable() {
        require(
                this == ACTIVE || this == PAST_DUE || this == PAUSED,
                "subscription.not_cancellable",
                "Only an active, past-due or paused subscription can be cancelled.");
    }

    /** Resuming undoes a cancel while the paid period lasts. */
    public void checkResumable(boolean periodLeft) {
        require(
                this == CANCELLED && periodLeft,
                "subscription.not_resumable",
                "Only a cancelled subscription whose period has not ended can be resumed.");
    }

    private void require(boolean allowed, String code, String detail) {
        if (!allowed) {
            throw ApiException.Conflict.status(code, detail, name());
        }
    }

    /** The event authors' webhooks get when it moves from this status to {@code next}. */
    public String topicFor(SubscriptionStatus next) {
        return next == CANCELLED && this != CANCELLED ? "subscription.cancelled" : "subscription.updated";
    }
}
