package io.quire.billing.subscriptions;

import static io.quire.platform.api.Schema.array;
import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.nullable;
import static io.quire.platform.api.Schema.number;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;
import static io.quire.platform.api.Schema.uuid;

import io.quire.billing.ledger.SubscriptionStatus;
import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Call;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.Reply;
import io.quire.platform.api.Schema;
import java.util.UUID;

/** §7.2 subscriber management for a site's owner and editors; the work is in {@link Subscribers}. */
public final class SubscriberRoutes {
    private static final String TAG = "billing";
    private static final String BASE = "/api/v1/sites/{siteId}/subscribers";
    private final Subscribers subscribers;

    public SubscriberRoutes(Subscribers subscribers) {
        this.subscribers = subscribers;
    }

    public void mount(Api api) {
        api.component(
                "Subscriber",
                Schema.allOf(
                        ref("Subscription"),
                        object().required("username", string()).required("displayName", nullable(string()))));
        Access managers = Access.signedIn();
        api.on(
                Endpoint.get(BASE + "/stats")
                        .id("getSubscriberStats")
                        .tag(TAG)
                        .summary("Subscribers by status and tier, MRR, new and churned in 30 days")
                        .access(managers)
                        .ok(object().required("siteId", uuid())
                                .required("subscribers", integer().description("Live: active, past due or cancelled"))
                                .required("active", integer())
                                .required("pastDue", integer())
                                .required("cancelled", integer())
                                .required("paused", integer())
                                .required("expired", integer())
                                .required("new30d", integer())
                                .required("churned30d", integer())
                                .required("mrr", integer().description("Minor units; gifts excluded"))
                                .required("currency", nullable(string()))
                                .required(
                                        "byTier",
                                        array(object().required("tierId", uuid())
                                                .required("name", string())
                                                .required("subscribers", integer()))))
                        .problems(403),
                call -> subscribers.stats(call.user(), site(call)).map(Reply::ok));
        api.on(
                Endpoint.get(BASE + "/churn")
                        .id("getSubscriberChurn")
                        .tag(TAG)
                        .summary("Per month of the last 12: live at its start, new, churned, churn rate")
                        .access(managers)
                        .ok(object().required(
                                        "data",
                                        array(object().required("month", string().format("date-time"))
                                                .required("atStart", integer())
                                                .required("new", integer())
                                                .required("churned", integer())
                                                .required("churnRate", number()))))
                        .problems(403),
                call -> subscribers.churn(call.user(), site(call)).map(Reply::ok));
        api.on(
                Endpoint.get(BASE + "/export")
                        .id("exportSubscribers")
                        .tag(TAG)
                        .summary("Every subscriber who ever paid, as CSV (names, not email addresses)")
                        .access(managers)
                        .okAs(200, "text/csv", "One line per subscription (Content-Disposition: attachment)")
                        .problems(403),
                call -> subscribers.csv(call.user(), site(call)).map(csv -> Reply.csv("subscribers.csv", csv)));
        api.on(
                Endpoint.get(BASE)
                        .id("listSubscribers")
                        .tag(TAG)
                        .summary("The site's subscribers, newest first (owner, editors)")
                        .access(managers)
                        .paged()
                        .query(
                                "status",
                                string().oneOf("ACTIVE", "PAST_DUE", "CANCELLED", "EXPIRED", "PAUSED"),
                                "Only subscriptions in this state")
                        .query("tierId", uuid(), "Only this tier's")
                        .ok(Schema.list(ref("Subscriber")))
                        .problems(403),
                call -> {
                    String status = call.query("status");
                    String tier = call.query("tierId");
                    return subscribers
                            .list(
                                    call.user(),
                                    site(call),
                                    status == null ? null : SubscriptionStatus.valueOf(status),
                                    tier == null ? null : UUID.fromString(tier),
                                    call.query("cursor"),
                                    call.limit())
                            .map(Reply::ok);
                });
        api.on(
                Endpoint.get(BASE + "/{subscriptionId}")
                        .id("getSubscriber")
                        .tag(TAG)
                        .summary("One subscriber with their payments")
                        .access(managers)
                        .ok(Schema.allOf(ref("Subscriber"), object().required("payments", array(ref("Payment")))))
                        .problems(403),
                call -> subscribers
                        .one(call.user(), site(call), call.id("subscriptionId", "subscription.not_found"))
                        .map(Reply::ok));
    }

    private static UUID site(Call call) {
        return call.id("siteId", "site.not_found");
    }
}
