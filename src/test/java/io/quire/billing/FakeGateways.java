package io.quire.billing;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for the three gateways' APIs (the subset Quire calls), under {@code /stripe}, {@code /razorpay}
 * and {@code /xendit}: it answers like the gateway and records every request so a test can assert its shape.
 */
public final class FakeGateways implements AutoCloseable {
    /** One request as the gateway saw it. */
    public record Call(String method, String path, String body) {}

    public final List<Call> calls = new CopyOnWriteArrayList<>();
    /** The status the next call answers with instead of success (0: succeed). */
    public final AtomicInteger failNext = new AtomicInteger();

    private final AtomicInteger seq = new AtomicInteger();
    private final HttpServer server;
    public final int port;

    public FakeGateways(Vertx vertx) throws Exception {
        server = vertx.createHttpServer()
                .requestHandler(req -> req.body().onSuccess(body -> {
                    String path = req.path();
                    calls.add(new Call(req.method().name(), path, body.toString()));
                    int fail = failNext.getAndSet(0);
                    if (fail > 0) {
                        req.response()
                                .setStatusCode(fail)
                                .putHeader("Content-Type", "application/json")
                                .end(new JsonObject()
                                        .put(
                                                "error",
                                                new JsonObject()
                                                        .put("code", "declined")
                                                        .put("message", "no")
                                                        .put("description", "no"))
                                        .encode());
                        return;
                    }
                    req.response()
                            .putHeader("Content-Type", "application/json")
                            .end(answer(req.method().name(), path, body).encode());
                }))
                .listen(0, "127.0.0.1")
                .await(5, TimeUnit.SECONDS);
        port = server.actualPort();
    }

    public String base(String gateway) {
        return "http://127.0.0.1:" + port + "/" + gateway;
    }

    private JsonObject answer(String method, String path, Buffer body) {
        int n = seq.incrementAndGet();
        long expires = System.currentTimeMillis() / 1000 + 3600;
        if (method.equals("GET") && path.startsWith("/stripe/v1/subscriptions/")) {
            return new JsonObject()
                    .put("id", path.substring(path.lastIndexOf('/') + 1))
                    .put("object", "subscription")
                    .put(
                            "items",
                            new JsonObject()
                                    .put(
                                            "data",
                                            new io.vertx.core.json.JsonArray()
                                                    .add(new JsonObject().put("id", "si_1"))));
        }
        if (path.equals("/stripe/v1/checkout/sessions")) {
            return new JsonObject()
                    .put("id", "cs_test_" + n)
                    .put("url", "https://checkout.stripe.test/cs_test_" + n)
                    .put("status", "open")
                    .put("expires_at", expires);
        }
        if (path.equals("/stripe/v1/refunds")
                || path.equals("/xendit/refunds")
                || path.matches("/razorpay/v1/payments/.+/refund")) {
            return new JsonObject()
                    .put("id", "re_" + n)
                    .put("status", "pending")
                    .put("amount", amount(body));
        }
        if (path.equals("/stripe/v1/prices")) {
            return new JsonObject().put("id", "price_" + n);
        }
        if (path.equals("/razorpay/v1/plans")) {
            return new JsonObject().put("id", "plan_" + n);
        }
        if (path.equals("/razorpay/v1/subscriptions")) {
            return new JsonObject()
                    .put("id", "sub_rzp_" + n)
                    .put("short_url", "https://rzp.test/sub_" + n)
                    .put("status", "created");
        }
        if (path.equals("/razorpay/v1/payment_links")) {
            return new JsonObject()
                    .put("id", "plink_" + n)
                    .put("short_url", "https://rzp.test/pl_" + n)
                    .put("status", "created");
        }
        if (path.equals("/xendit/recurring_payments")) {
            return new JsonObject()
                    .put("id", "rp_" + n)
                    .put("last_created_invoice_url", "https://xnd.test/inv_" + n)
                    .put("status", "ACTIVE");
        }
        if (path.equals("/xendit/v2/invoices")) {
            return new JsonObject()
                    .put("id", "xinv_" + n)
                    .put("invoice_url", "https://xnd.test/xinv_" + n)
                    .put("status", "PENDING");
        }
        return new JsonObject()
                .put("id", path.substring(path.lastIndexOf('/') + 1))
                .put("object", "ok");
    }

    private static long amount(Buffer body) {
        String s = body.toString();
        try {
            return new JsonObject(s).getLong("amount", 0L);
        } catch (RuntimeException e) {
            for (String pair : s.split("&")) {
                if (pair.startsWith("amount=")) {
                    return Long.parseLong(pair.substring(7));
                }
            }
            return 0;
        }
    }

    /** The recorded calls to paths starting with {@code prefix}. */
    public List<Call> to(String prefix) {
        return calls.stream().filter(c -> c.path().startsWith(prefix)).toList();
    }

    @Override
    public void close() throws Exception {
        server.close().await(5, TimeUnit.SECONDS);
    }
}
