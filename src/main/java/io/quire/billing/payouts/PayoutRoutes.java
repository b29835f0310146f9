package io.quire.billing.payouts;

import static io.quire.platform.api.Schema.array;
import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.nullable;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.Reply;
import io.quire.platform.api.Schema;

/** §8.2 payouts for the author they are paid to: stats, CSV export, the list, one payout. */
public final class PayoutRoutes {
    private static final String TAG = "billing";
    private final PayoutReports payouts;

    public PayoutRoutes(PayoutReports payouts) {
        this.payouts = payouts;
    }

    public void mount(Api api) {
        components(api);
        api.on(
                Endpoint.get("/api/v1/payouts/stats")
                        .id("getPayoutStats")
                        .tag(TAG)
                        .summary("Per currency: paid, on the way, fees, counts, last arrival")
                        .access(Access.signedIn())
                        .ok(object().required(
                                        "data",
                                        array(object().required("currency", nullable(string()))
                                                .required("paid", integer())
                                                .required("onTheWay", integer())
                                                .required("fees", integer())
                                                .required("paidCount", integer())
                                                .required("failedCount", integer())
                                                .required("lastArrival", nullable(string().format("date")))))),
                call -> payouts.stats(call.user().userId()).map(Reply::ok));
        api.on(
                Endpoint.get("/api/v1/payouts/export")
                        .id("exportPayouts")
                        .tag(TAG)
                        .summary("My payouts as CSV, oldest first")
                        .access(Access.signedIn())
                        .okAs(200, "text/csv", "One line per payout (Content-Disposition: attachment)"),
                call -> payouts.csv(call.user().userId()).map(csv -> Reply.csv("payouts.csv", csv)));
        api.on(
                Endpoint.get("/api/v1/payouts")
                        .id("listPayouts")
                        .tag(TAG)
                        .summary("My payouts as the gateways reported them, newest first")
                        .access(Access.signedIn())
                        .paged()
                        .query("status", string().oneOf(PayoutReports.Status.class), "Only payouts in this state")
                        .ok(Schema.list(ref("Payout"))),
                call -> payouts.list(
                                call.user().userId(),
                                call.query("status") == null
                                        ? null
                                        : PayoutReports.Status.valueOf(call.query("status")),
                                call.query("cursor"),
                                call.limit())
                        .map(Reply::ok));
        api.on(
                Endpoint.get("/api/v1/payouts/{payoutId}")
                        .id("getPayout")
                        .tag(TAG)
                        .summary("One of my payouts")
                        .access(Access.signedIn())
                        .ok(ref("Payout")),
                call -> payouts.one(call.user().userId(), call.id("payoutId", "payout.not_found"))
                        .map(Reply::ok));
    }

    /** The shapes this feature's answers share, as {@code #/components/schemas}. */
    private static void components(Api api) {
        api.component(
                "Payout",
                object().optional("id", string())
                        .optional("gateway", string())
                        .optional("gatewayPayoutId", string())
                        .optional("status", string().oneOf(PayoutReports.Status.class))
                        .optional("amount", integer())
                        .optional("fees", integer())
                        .optional("currency", nullable(string()))
                        .optional("arrivalDate", nullable(string()))
                        .optional("reference", nullable(string()))
                        .optional("failureCode", nullable(string()))
                        .optional("failureMessage", nullable(string()))
                        .optional("createdAt", string())
                        .optional("updatedAt", string()));
    }
}
