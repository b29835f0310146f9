package io.quire.billing.gifts;

import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.nullable;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;
import static io.quire.platform.api.Schema.uuid;

import io.quire.billing.checkout.CheckoutService;
import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.Reply;
import io.quire.platform.api.Schema;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Gift subscriptions: buying one, the gifts I gave and received, a code's gift, claiming it. */
public final class GiftRoutes {
    private static final String TAG = "gifts";
    private static final Schema GIFT = ref("Gift");
    private final GiftService gifts;

    public GiftRoutes(GiftService gifts) {
        this.gifts = gifts;
    }

    public void mount(Api api) {
        components(api);
        api.on(
                Endpoint.post("/api/v1/sites/{siteId}/gift")
                        .id("buyGift")
                        .tag(TAG)
                        .summary("Buy months of a tier for someone")
                        .description(
                                "A checkout for 1 to 24 months of a tier, for an email address; once paid, the claim code is emailed at "
                                        + "deliveryDate (default: now).")
                        .access(Access.session())
                        .body(object().required("tierId", uuid())
                                .optional("months", integer().range(1, 24).description("Default 1"))
                                .required(
                                        "recipientEmail",
                                        string().length(3, 254).format("email"))
                                .optional("recipientName", string().length(1, 100))
                                .optional("message", string().length(1, 1000))
                                .optional(
                                        "deliveryDate",
                                        string().format("date-time")
                                                .rule(GiftRoutes::withinAYear, "must be within a year")
                                                .description("When to send the code; within a year"))
                                .optional(
                                        "gateway",
                                        string().length(1, 20).description("Which of the site's gateways to pay with")))
                        .ok(201, ref("CheckoutAnswer"), "A checkout to pay")
                        .problems(409, 502),
                call -> {
                    JsonObject b = call.body();
                    String when = b.getString("deliveryDate");
                    var order = new CheckoutService.GiftOrder(
                            UUID.fromString(b.getString("tierId")),
                            b.getInteger("months", 1),
                            b.getString("recipientEmail"),
                            b.getString("recipientName"),
                            b.getString("message"),
                            when == null ? null : OffsetDateTime.parse(when));
                    return gifts.buy(call.user(), call.id("siteId", "site.not_found"), order, b.getString("gateway"))
                            .map(Reply::created);
                });
        api.on(
                Endpoint.get("/api/v1/my-gifts/given")
                        .id("listGiftsGiven")
                        .tag(TAG)
                        .summary("Gifts I bought, with their recipients")
                        .access(Access.signedIn())
                        .ok(Schema.list(GIFT)),
                call -> gifts.given(call.user().userId()).map(l -> Reply.list(l, null)));
        api.on(
                Endpoint.get("/api/v1/my-gifts/received")
                        .id("listGiftsReceived")
                        .tag(TAG)
                        .summary("Gifts delivered to my email or claimed by me")
                        .access(Access.signedIn())
                        .ok(Schema.list(GIFT)),
                call -> gifts.received(call.user().userId()).map(l -> Reply.list(l, null)));
        api.on(
                Endpoint.get("/api/v1/gifts/claim/{claimCode}")
                        .id("getGiftByCode")
                        .tag(TAG)
                        .summary("A delivered gift by its code")
                        .ok(GIFT),
                call -> gifts.byCode(call.path("claimCode")).map(Reply::ok));
        api.on(
                Endpoint.post("/api/v1/gifts/claim/{claimCode}")
                        .id("claimGift")
                        .tag(TAG)
                        .summary("Claim a gift")
                        .description(
                                "Once: starts a non-renewing subscription for the gift's months. 409 `gift.not_claimable` (claimed or "
                                        + "lapsed), `subscription.exists` (you subscribe already), `tier.sold_out`.")
                        .access(Access.session())
                        .ok(201, ref("Subscription"), "The subscription it started")
                        .problems(409),
                call -> gifts.claim(call.user(), call.path("claimCode")).map(Reply::created));
    }

    private static void components(Api api) {
        Schema time = string().format("date-time");
        api.component(
                "Gift",
                object().required("id", uuid())
                        .required("siteId", uuid())
                        .required("siteName", string())
                        .required("tierId", uuid())
                        .required("tierName", string())
                        .required("months", integer().range(1, 24))
                        .required("giverName", nullable(string()))
                        .required("message", nullable(string()))
                        .required("status", string().oneOf(GiftStatus.class))
                        .required("deliveredAt", nullable(time))
                        .required("claimedAt", nullable(time))
                        .optional("recipientEmail", string().description("The giver's view only"))
                        .optional("recipientName", nullable(string()))
                        .optional("amount", integer())
                        .optional("currency", string())
                        .optional("deliveryDate", time));
    }

    private static boolean withinAYear(String when) {
        return !OffsetDateTime.parse(when).isAfter(OffsetDateTime.now().plusYears(1));
    }
}
