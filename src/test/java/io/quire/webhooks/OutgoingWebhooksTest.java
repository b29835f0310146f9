package io.quire.webhooks;

import static io.quire.testing.Api.fieldError;
import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.platform.net.TargetGuard;
import io.quire.testing.Api;
import io.quire.testing.Authoring;
import io.quire.testing.Eventually;
import io.quire.testing.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Quire's own events to authors' endpoints: a real local receiver, signatures, the retry schedule, dead deliveries, SSRF. */
class OutgoingWebhooksTest {
    record Received(String path, Map<String, String> headers, Buffer body, long at) {}

    static Vertx receiverVertx;
    static HttpServer receiver;
    static final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    static final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
    static TestApp app;
    static Api api;
    static Authoring fixtures;

    @BeforeAll
    static void start() throws Exception {
        receiverVertx = Vertx.vertx();
        receiver = receiverVertx
                .createHttpServer()
                .requestHandler(req -> req.body().onSuccess(body -> {
                    Map<String, String> headers = new HashMap<>();
                    req.headers().forEach((k, v) -> headers.put(k.toLowerCase(), v));
                    received.add(new Received(req.path(), headers, body, System.currentTimeMillis()));
                    AtomicInteger left = failuresLeft.get(req.path());
                    if (req.path().startsWith("/hang")) {
                        return; // never answers: the delivery times out
                    }
                    boolean fail = req.path().startsWith("/dead") || left != null && left.getAndDecrement() > 0;
                    req.response().setStatusCode(fail ? 500 : 200).end(fail ? "boom" : "thanks");
                }))
                .listen(0, "127.0.0.1")
                .await(5, TimeUnit.SECONDS);
        app = TestApp.builder()
                .env("QUIRE_WEBHOOKS_REQUIRE_HTTPS", "false")
                .env("QUIRE_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true")
                .env("QUIRE_WEBHOOKS_RETRY_SCHEDULE_SECONDS", "0,1,1")
                .env("QUIRE_WEBHOOKS_DELIVERY_TIMEOUT_MS", "5000")
                .env("QUIRE_WEBHOOKS_PROCESS_CONCURRENCY", "4")
                .env("QUIRE_JOBS_POLL_INTERVAL_MS", "100")
                .env("QUIRE_OUTBOX_POLL_INTERVAL_MS", "100")
                .start();
        api = new Api(app);
        fixtures = Authoring.in(app);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        receiverVertx.close().await(5, TimeUnit.SECONDS);
    }

    static String url(String path) {
        return "http://127.0.0.1:" + receiver.actualPort() + path;
    }

    static List<Received> at(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    static JsonObject endpoint(Authoring.User owner, String site, String path, JsonArray events) {
        return ok(
                api.post(
                        "/api/v1/sites/" + site + "/webhooks",
                        new JsonObject()
                                .put("name", "hook " + path)
                                .put("url", url(path))
                                .put("events", events),
                        owner.token()),
                201);
    }

    @Test
    void siteEventsArriveSignedTheStandardWebhooksWay() throws Exception {
        Authoring.User owner = fixtures.author();
        String site = fixtures.site(owner).getString("id");
        JsonObject hook = endpoint(owner, site, "/signed", new JsonArray().add("chapter.*"));
        String secret = hook.getString("secret");
        assertTrue(secret.startsWith("whsec_"));
        assertFalse(
                ok(api.get("/api/v1/webhooks/" + hook.getString("id"), owner.token()), 200)
                        .containsKey("secret"),
                "shown once");
        // an endpoint of another site hears nothing of this one
        Authoring.User other = fixtures.author();
        endpoint(other, fixtures.site(other).getString("id"), "/elsewhere", new JsonArray().add("*"));

        String series = fixtures.series(owner, site).getString("id");
        String chapter = fixtures.chapter(owner, series, "One", "Text.").getString("id");
        Eventually.await(() -> !at("/signed").isEmpty(), 10_000, "the chapter.created delivery");
        Received r = at("/signed").get(0);
        assertEquals(
                Signatures.Result.VALID,
                Signatures.standard(
                        r.headers(), r.body(), List.of(secret), Instant.now().getEpochSecond(), 300));
        JsonObject body = r.body().toJsonObject();
        assertEquals("chapter.created", body.getString("type"));
        assertEquals(chapter, body.getJsonObject("data").getString("chapterId"));
        assertTrue(r.headers().get("webhook-id").startsWith("msg_"));
        assertTrue(at("/elsewhere").isEmpty());
        assertTrue(
                at("/signed").stream()
                        .noneMatch(
                                x -> x.body().toJsonObject().getString("type").startsWith("series.")),
                "only chapter.*");

        // rotating: both secrets sign for a day
        String rotated = ok(
                        api.post("/api/v1/webhooks/" + hook.getString("id") + "/rotate-secret", null, owner.token()),
                        200)
                .getString("secret");
        ok(api.post("/api/v1/webhooks/" + hook.getString("id") + "/test", null, owner.token()), 202);
        Eventually.await(
                () -> at("/signed").stream()
                        .anyMatch(x -> x.body().toJsonObject().getString("type").equals("webhook.test")),
                10_000,
                "the test delivery");
        Received test = at("/signed").stream()
                .filter(x -> x.body().toJsonObject().getString("type").equals("webhook.test"))
                .findFirst()
                .orElseThrow();
        assertEquals(2, test.headers().get("webhook-signature").split(" ").length);
        for (String s : List.of(secret, rotated)) {
            assertEquals(
                    Signatures.Result.VALID,
                    Signatures.standard(
                            test.headers(),
                            test.body(),
                            List.of(s),
                            Instant.now().getEpochSecond(),
                            300));
        }
        problem(
                api.get(
                        "/api/v1/webhooks/" + hook.getString("id"),
                        fixtures.reader().token()),
                404,
                "webhook.not_found");
    }

    @Test
    void failuresFollowTheRetryScheduleAndEndDead() throws Exception {
        Authoring.User owner = fixtures.author();
        String site = fixtures.site(owner).getString("id");
        failuresLeft.put("/flaky", new AtomicInteger(2));
        String flaky = endpoint(owner, site, "/flaky", new JsonArray().add("site.updated"))
                .getString("id");
        String dead = endpoint(owner, site, "/dead", new JsonArray().add("site.updated"))
                .getString("id");
        ok(api.patch("/api/v1/sites/" + site, new JsonObject().put("tagline", "new"), owner.token()), 200);

        Eventually.await(() -> at("/flaky").size() == 3, 15_000, "three attempts at the flaky endpoint");
        List<Received> attempts = at("/flaky");
        for (int i = 1; i < 3; i++) {
            long gap = attempts.get(i).at() - attempts.get(i - 1).at();
            assertTrue(gap >= 850, "retried after about a second (schedule 0,1,1 with jitter), not " + gap + " ms");
        }
        assertEquals(
                attempts.get(0).headers().get("webhook-id"),
                attempts.get(2).headers().get("webhook-id"),
                "the same id on every retry");
        Eventually.await(
                () -> "SUCCEEDED".equals(delivery(owner, flaky).getString("status")),
                10_000,
                "the flaky delivery to succeed");
        JsonObject succeeded = delivery(owner, flaky);
        assertEquals(3, succeeded.getInteger("attempts"));
        assertEquals(
                List.of(500, 500, 200),
                succeeded.getJsonArray("attemptLog").stream()
                        .map(a -> ((JsonObject) a).getInteger("statusCode"))
                        .toList());
        assertEquals(
                "boom", succeeded.getJsonArray("attemptLog").getJsonObject(0).getString("responseBody"));

        Eventually.await(
                () -> "DEAD".equals(delivery(owner, dead).getString("status")), 15_000, "the failing delivery to die");
        JsonObject died = delivery(owner, dead);
        assertEquals(3, died.getInteger("attempts"));
        assertEquals(
                1,
                ok(api.get("/api/v1/webhooks/" + dead + "/deliveries?success=false", owner.token()), 200)
                        .getJsonArray("data")
                        .size());
        assertEquals(
                0,
                ok(api.get("/api/v1/webhooks/" + dead + "/deliveries?success=true", owner.token()), 200)
                        .getJsonArray("data")
                        .size());
        ok(
                api.post(
                        "/api/v1/webhooks/" + dead + "/deliveries/" + died.getString("id") + "/retry",
                        null,
                        owner.token()),
                202);
        Eventually.await(() -> delivery(owner, dead).getInteger("attempts") == 4, 10_000, "the manual retry to run");
        problem(
                api.post(
                        "/api/v1/webhooks/" + flaky + "/deliveries/" + succeeded.getString("id") + "/retry",
                        null,
                        owner.token()),
                404,
                "webhook_delivery.not_retryable");
        problem(
                api.get("/api/v1/webhooks/" + dead + "/deliveries?success=maybe", owner.token()),
                422,
                "request.invalid");
        problem(
                api.get("/api/v1/webhooks/" + dead + "/deliveries?cursor=garbage", owner.token()),
                400,
                "request.bad_cursor");
        problem(
                api.get(
                        "/api/v1/webhooks/" + dead + "/deliveries",
                        fixtures.author().token()),
                404,
                "webhook.not_found");
    }

    @Test
    void anOrderedEndpointGetsTheNextEventOnlyAfterThePreviousOneSucceeded() throws Exception {
        Authoring.User owner = fixtures.author();
        String site = fixtures.site(owner).getString("id");
        failuresLeft.put("/fifo", new AtomicInteger(2));
        ok(
                api.post(
                        "/api/v1/sites/" + site + "/webhooks",
                        new JsonObject()
                                .put("name", "fifo")
                                .put("url", url("/fifo"))
                                .put("events", new JsonArray().add("site.updated"))
                                .put("ordered", true),
                        owner.token()),
                201);
        for (String tagline : List.of("a", "b", "c")) {
            ok(api.patch("/api/v1/sites/" + site, new JsonObject().put("tagline", tagline), owner.token()), 200);
        }
        Eventually.await(() -> at("/fifo").size() == 5, 15_000, "two failed tries of the first event, then all three");
        List<Integer> revisions = at("/fifo").stream()
                .map(r -> r.body().toJsonObject().getJsonObject("data").getInteger("revision"))
                .toList();
        int first = revisions.get(0);
        assertEquals(
                List.of(first, first, first, first + 1, first + 2),
                revisions,
                "strictly in order, the first retried until it succeeded");
    }

    @Test
    void aHangingEndpointDoesNotHoldUpAnother() throws Exception {
        Authoring.User owner = fixtures.author();
        String site = fixtures.site(owner).getString("id");
        String hang = endpoint(owner, site, "/hang", new JsonArray().add("site.updated"))
                .getString("id");
        endpoint(owner, site, "/quick", new JsonArray().add("site.updated"));
        for (int i = 0; i < 4; i++) {
            ok(api.patch("/api/v1/sites/" + site, new JsonObject().put("tagline", "v" + i), owner.token()), 200);
        }
        // four deliveries each: /hang may hold 2 of the worker's 4 slots, never all of them
        // /hang holds its two slots for the 5 s timeout: the quick endpoint must be served within that
        Eventually.await(
                () -> at("/quick").size() >= 4, 4_500, "the quick endpoint's deliveries while the other hangs");
        assertTrue(
                at("/hang").size() <= 2,
                "at most two in flight at the hanging endpoint: " + at("/hang").size());
        assertEquals(204, api.delete("/api/v1/webhooks/" + hang, owner.token()).statusCode());
    }

    @Test
    void anEndpointFailingForTheWholeWindowIsSwitchedOffAndItsOwnerTold() throws Exception {
        Authoring.User owner = fixtures.author();
        String site = fixtures.site(owner).getString("id");
        String id = endpoint(owner, site, "/dead-window", new JsonArray().add("site.updated"))
                .getString("id");
        app.db
                .preparedQuery(
                        "UPDATE outgoing_webhooks SET failing_since = now() - interval '121 hours' WHERE id = $1")
                .execute(io.vertx.sqlclient.Tuple.of(java.util.UUID.fromString(id)))
                .await(5, TimeUnit.SECONDS);
        ok(api.patch("/api/v1/sites/" + site, new JsonObject().put("tagline", "again"), owner.token()), 200);
        Eventually.await(
                () -> !ok(api.get("/api/v1/webhooks/" + id, owner.token()), 200).getBoolean("isActive"),
                10_000,
                "the endpoint to be switched off");
        JsonObject off = ok(api.get("/api/v1/webhooks/" + id, owner.token()), 200);
        assertTrue(off.getString("disabledReason").contains("120 hours"), off.encode());
        String email = app.db
                .preparedQuery("SELECT email FROM users WHERE id = $1")
                .execute(io.vertx.sqlclient.Tuple.of(owner.id()))
                .await(5, TimeUnit.SECONDS)
                .iterator()
                .next()
                .getString("email");
        Eventually.await(
                () -> count("SELECT count(*) FROM outbound_emails WHERE to_address = '" + email
                                + "' AND subject = 'Your webhook endpoint was switched off'")
                        == 1,
                10_000,
                "the owner's notice");
        JsonObject on =
                ok(api.patch("/api/v1/webhooks/" + id, new JsonObject().put("isActive", true), owner.token()), 200);
        assertTrue(on.getBoolean("isActive"));
        assertEquals(null, on.getString("failingSince"));
    }

    static long count(String sql) {
        return app.count(sql);
    }

    @Test
    void aDeliveryWaitingForItsRetrySurvivesARestart() throws Exception {
        io.quire.platform.db.PgTarget database = io.quire.testing.TestDatabases.fresh();
        failuresLeft.put("/restart", new AtomicInteger(1));
        TestApp.Builder builder = TestApp.builder()
                .database(database)
                .env("QUIRE_WEBHOOKS_REQUIRE_HTTPS", "false")
                .env("QUIRE_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true")
                .env("QUIRE_WEBHOOKS_RETRY_SCHEDULE_SECONDS", "0,2")
                .env("QUIRE_JOBS_POLL_INTERVAL_MS", "100")
                .env("QUIRE_OUTBOX_POLL_INTERVAL_MS", "100");
        String webhook;
        Authoring.User owner;
        try (TestApp first = builder.start()) {
            Api firstApi = new Api(first);
            Authoring f = Authoring.in(first);
            owner = f.author();
            String site = f.site(owner).getString("id");
            String hookId = ok(
                            firstApi.post(
                                    "/api/v1/sites/" + site + "/webhooks",
                                    new JsonObject()
                                            .put("name", "r")
                                            .put("url", url("/restart"))
                                            .put("events", new JsonArray().add("site.updated")),
                                    owner.token()),
                            201)
                    .getString("id");
            webhook = hookId;
            ok(firstApi.patch("/api/v1/sites/" + site, new JsonObject().put("tagline", "t"), owner.token()), 200);
            Eventually.await(() -> at("/restart").size() == 1, 10_000, "the first (failing) attempt");
            Authoring.User me = owner;
            Eventually.await(
                    () -> "RETRYING"
                            .equals(ok(firstApi.get("/api/v1/webhooks/" + hookId + "/deliveries", me.token()), 200)
                                    .getJsonArray("data")
                                    .getJsonObject(0)
                                    .getString("status")),
                    10_000,
                    "the failure to be recorded and the retry queued");
        } // stopped while the retry waits for its time
        try (TestApp second = builder.start()) {
            Eventually.await(() -> at("/restart").size() == 2, 15_000, "the retry, sent by the restarted app");
            Eventually.await(
                    () -> {
                        try {
                            return "SUCCEEDED"
                                    .equals(second.db
                                            .preparedQuery(
                                                    "SELECT status FROM webhook_deliveries WHERE webhook_id = $1")
                                            .execute(io.vertx.sqlclient.Tuple.of(java.util.UUID.fromString(webhook)))
                                            .await(5, TimeUnit.SECONDS)
                                            .iterator()
                                            .next()
                                            .getString("status"));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    },
                    10_000,
                    "the delivery to succeed");
        } finally {
            io.quire.testing.TestDatabases.drop(database.database());
        }
    }

    static JsonObject delivery(Authoring.User owner, String webhook) {
        return ok(api.get("/api/v1/webhooks/" + webhook + "/deliveries", owner.token()), 200)
                .getJsonArray("data")
                .getJsonObject(0);
    }

    @Test
    void badEndpointsAreClearProblems() {
        Authoring.User owner = fixtures.author();
        String site = fixtures.site(owner).getString("id");
        String base = "/api/v1/sites/" + site + "/webhooks";
        JsonObject ok = new JsonObject()
                .put("name", "x")
                .put("url", url("/x"))
                .put("events", new JsonArray().add("chapter.published"));
        assertEquals(
                "must be an http or https URL",
                fieldError(
                        problem(
                                api.post(base, ok.copy().put("url", "ftp://example.com/x"), owner.token()),
                                422,
                                "request.invalid"),
                        "url"));
        assertNotNull(fieldError(
                problem(
                        api.post(base, ok.copy().put("events", new JsonArray().add("chapter.exploded")), owner.token()),
                        422,
                        "request.invalid"),
                "events"));
        assertNotNull(fieldError(
                problem(api.post(base, ok.copy().put("secret", "not-a-secret"), owner.token()), 422, "request.invalid"),
                "secret"));
        problem(api.post(base, ok, fixtures.author().token()), 404, "site.not_found");
        String id = ok(api.post(base, ok, owner.token()), 201).getString("id");
        assertFalse(ok(api.patch("/api/v1/webhooks/" + id, new JsonObject().put("isActive", false), owner.token()), 200)
                .getBoolean("isActive"));
        assertEquals(204, api.delete("/api/v1/webhooks/" + id, owner.token()).statusCode());
        problem(api.get("/api/v1/webhooks/" + id, owner.token()), 404, "webhook.not_found");
    }

    @Test
    void internalTargetsAreRefusedUnlessAllowed() throws Exception {
        for (String internal :
                List.of("127.0.0.1", "10.1.2.3", "169.254.169.254", "192.168.0.1", "::1", "fc00::1", "100.64.0.1")) {
            assertTrue(TargetGuard.internal(InetAddress.getByName(internal)), internal);
        }
        assertFalse(TargetGuard.internal(InetAddress.getByName("93.184.216.34")));
        try (TestApp strict = TestApp.builder()
                .env("QUIRE_WEBHOOKS_RETRY_SCHEDULE_SECONDS", "0")
                .start()) {
            Api strictApi = new Api(strict);
            Authoring f = Authoring.in(strict);
            Authoring.User owner = f.author();
            String site = f.site(owner).getString("id");
            String base = "/api/v1/sites/" + site + "/webhooks";
            JsonObject body = new JsonObject().put("name", "inside").put("events", new JsonArray().add("*"));
            assertEquals(
                    "must be an https URL",
                    fieldError(
                            problem(
                                    strictApi.post(base, body.copy().put("url", url("/x")), owner.token()),
                                    422,
                                    "request.invalid"),
                            "url"));
            for (String target : List.of(
                    "https://127.0.0.1:" + receiver.actualPort() + "/x",
                    "https://10.1.2.3/x",
                    "https://169.254.169.254/latest/meta-data")) {
                String id = ok(strictApi.post(base, body.copy().put("url", target), owner.token()), 201)
                        .getString("id");
                ok(strictApi.post("/api/v1/webhooks/" + id + "/test", null, owner.token()), 202);
                Eventually.await(
                        () -> "DEAD"
                                .equals(ok(strictApi.get("/api/v1/webhooks/" + id + "/deliveries", owner.token()), 200)
                                        .getJsonArray("data")
                                        .getJsonObject(0)
                                        .getString("status")),
                        10_000,
                        "the refused delivery to be dead");
                String error = ok(strictApi.get("/api/v1/webhooks/" + id + "/deliveries", owner.token()), 200)
                        .getJsonArray("data")
                        .getJsonObject(0)
                        .getString("lastError");
                assertTrue(error.contains("internal"), target + ": " + error);
            }
        }
        assertTrue(at("/x").isEmpty(), "nothing reached the receiver");
    }
}
