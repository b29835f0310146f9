package io.quire.billing.ledger;

import io.vertx.sqlclient.Row;

/** Where a payment is: open (PENDING, PROCESSING), settled (SUCCEEDED and what can follow it), or ended unpaid. */
public enum PaymentStatus {
    PENDING,
    PROCESSING,
    SUCCEEDED,
    FAILED,
    REFUNDED,
    PARTIALLY_REFUNDED,
    DISPUTED,
    CANCELLED,
    EXPIRED;

    public static PaymentStatus of(Row payment) {
        return valueOf(payment.getString("status"));
    }

    /** Paid (or past paid: refunded, disputed): a second report of the same checkout is applied once, so it is ignored. */
    public boolean settled() {
        return this != PENDING && this != PROCESSING && this != EXPIRED && this != FAILED;
    }

    /** Money changed hands (and may since have gone back): what a receipt can be written for. */
    public boolean paid() {
        return this == SUCCEEDED || this == REFUNDED || this == PARTIALLY_REFUNDED || this == DISPUTED;
    }

    /** Still waiting for the gateway: a failure or lapse may end it. */
    public boolean open() {
        return this == PENDING;
    }
}
