package io.quire.billing.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The ledger's rules on states, every report against every state, without HTTP or a database. */
class LedgerStatusesTest {
    @Test
    void aGatewayReportMovesEveryStateButAnEndedOneAndAnUnpaidOneWaitsForItsPayment() {
        for (SubscriptionStatus now : SubscriptionStatus.values()) {
            for (SubscriptionStatus reported : SubscriptionStatus.values()) {
                boolean expected = switch (now) {
                    case EXPIRED -> false;
                    case INCOMPLETE -> reported == SubscriptionStatus.ACTIVE || reported == SubscriptionStatus.EXPIRED;
                    default -> true;
                };
                assertEquals(expected, now.acceptsGatewayReport(reported), now + " told " + reported);
            }
        }
    }

    @Test
    void onlyAnActiveSubscriptionFallsBehindAndOnlyAnExpiredOneHasNothingToTakeBack() {
        for (SubscriptionStatus s : SubscriptionStatus.values()) {
            assertEquals(s == SubscriptionStatus.ACTIVE, s.fallsBehindOnFailedRenewal(), s.name());
            assertEquals(s != SubscriptionStatus.EXPIRED, s.canBeTakenBack(), s.name());
        }
    }

    @Test
    void cancellingIsAnnouncedOnceAsCancelledAndEveryOtherMoveAsUpdated() {
        for (SubscriptionStatus from : SubscriptionStatus.values()) {
            for (SubscriptionStatus to : SubscriptionStatus.values()) {
                String expected = to == SubscriptionStatus.CANCELLED && from != SubscriptionStatus.CANCELLED
                        ? "subscription.cancelled"
                        : "subscription.updated";
                assertEquals(expected, from.topicFor(to), from + " → " + to);
            }
        }
    }

    @Test
    void aSettledPaymentIgnoresASecondReportOfItsCheckout() {
        EnumSet<PaymentStatus> settled = EnumSet.of(
                PaymentStatus.SUCCEEDED,
                PaymentStatus.REFUNDED,
                PaymentStatus.PARTIALLY_REFUNDED,
                PaymentStatus.DISPUTED,
                PaymentStatus.CANCELLED);
        for (PaymentStatus p : PaymentStatus.values()) {
            assertEquals(settled.contains(p), p.settled(), p.name());
        }
    }
}
