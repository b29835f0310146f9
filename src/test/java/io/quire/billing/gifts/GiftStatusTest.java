package io.quire.billing.gifts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quire.platform.http.ApiException;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every move a gift may and may not make, without HTTP. */
class GiftStatusTest {
    @Test
    void eachStatusMovesOnlyWhereAGiftCanGo() {
        var allowed = java.util.Map.of(
                GiftStatus.PENDING, EnumSet.of(GiftStatus.PAID, GiftStatus.EXPIRED),
                GiftStatus.PAID, EnumSet.of(GiftStatus.DELIVERED, GiftStatus.REFUNDED),
                GiftStatus.DELIVERED, EnumSet.of(GiftStatus.CLAIMED, GiftStatus.EXPIRED, GiftStatus.REFUNDED),
                GiftStatus.CLAIMED, EnumSet.noneOf(GiftStatus.class),
                GiftStatus.EXPIRED, EnumSet.noneOf(GiftStatus.class),
                GiftStatus.REFUNDED, EnumSet.noneOf(GiftStatus.class));
        for (GiftStatus from : GiftStatus.values()) {
            for (GiftStatus to : GiftStatus.values()) {
                assertEquals(allowed.get(from).contains(to), from.canBecome(to), from + " → " + to);
            }
        }
    }

    @Test
    void onlyADeliveredGiftCanBeClaimedAndARefusalNamesTheStatus() {
        GiftStatus.DELIVERED.checkClaimable();
        for (GiftStatus s : EnumSet.complementOf(EnumSet.of(GiftStatus.DELIVERED))) {
            ApiException e = assertThrows(ApiException.class, s::checkClaimable, s.name());
            assertEquals(409, e.status());
            assertEquals("gift.not_claimable", e.code());
        }
    }

    @Test
    void aCodeNamesOnlyAGiftThatWasDelivered() {
        Set<GiftStatus> visible = EnumSet.of(GiftStatus.DELIVERED, GiftStatus.CLAIMED, GiftStatus.EXPIRED);
        for (GiftStatus s : GiftStatus.values()) {
            assertEquals(visible.contains(s), s.visibleByCode(), s.name());
        }
    }
}
