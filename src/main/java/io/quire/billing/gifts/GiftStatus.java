package io.quire.billing.gifts;

import io.quire.platform.http.ApiException;

/**
 * Where a gift is: bought (PENDING until its checkout is paid), PAID (waiting for its delivery date), DELIVERED
 * (its code emailed), CLAIMED (once, by whoever holds the code), or ended: EXPIRED (unclaimed for a year) or
 * REFUNDED. The moves it may make are here, so no caller moves it any other way.
 */
public enum GiftStatus {
    PENDING,
    PAID,
    DELIVERED,
    CLAIMED,
    EXPIRED,
    REFUNDED;

    /** Whether the gift may move from this status to {@code next}. */
    public boolean canBecome(GiftStatus next) {
        return switch (this) {
            case PENDING -> next == PAID || next == EXPIRED;
            case PAID -> next == DELIVERED || next == REFUNDED;
            case DELIVERED -> next == CLAIMED || next == EXPIRED || next == REFUNDED;
            case CLAIMED, EXPIRED, REFUNDED -> false;
        };
    }

    /** The claim of a gift in this status: only a delivered one can be claimed (409 {@code gift.not_claimable}). */
    public void checkClaimable() {
        if (!canBecome(CLAIMED)) {
            throw ApiException.Conflict.status(
                    "gift.not_claimable",
                    this == CLAIMED ? "This gift was already claimed." : "This gift was already claimed or has lapsed.",
                    name());
        }
    }

    /** The statuses a code can be looked up in: a gift that was never delivered has no code to know. */
    public boolean visibleByCode() {
        return this == DELIVERED || this == CLAIMED || this == EXPIRED;
    }
}
