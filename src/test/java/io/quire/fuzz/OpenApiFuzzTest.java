package io.quire.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.Authoring;
import io.quire.testing.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every operation of the served document, called with requests built from it: bodies that keep the declared rules
 * and bodies that each break one, malformed JSON, ids that name nothing, anonymous and as an author. Every answer
 * passes the harness's conformance check (declared status, declared schema); none is a 5xx; every request that
 * breaks a declared rule is a 4xx problem. {@code -Dfuzz.rounds=N} (default 1) repeats it with new values,
 * {@code -Dfuzz.seed=S} replays a run.
 */
class OpenApiFuzzTest {
    private static final Logger log = LoggerFactory.getLogger(OpenApiFuzzTest.class);
    static TestApp app;
    static Authoring fixtures;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        fixtures = Authoring.in(app);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    record Op(String method, String path, JsonObject spec) {}

    @Test
    void everyOperationAnswersWithinItsContractWhateverItIsSent() throws Exception {
        long seed = Long.getLong("fuzz.seed", 20261203L);
        int rounds = Integer.getInteger("fuzz.rounds", 1);
        JsonObject document = app.client
                .get("/openapi.json")
                .send()
                .await(10, TimeUnit.SECONDS)
                .bodyAsJsonObject();
        List<String> serverErrors = new ArrayList<>();
        List<String> violations = new ArrayList<>();
        List<String> acceptedInvalid = new ArrayList<>();
        int requests = 0;
        int answered2xx = 0;
        List<Op> ops = operations(document);
        for (int round = 0; round < rounds; round++) {
            RequestMaker maker = new RequestMaker(seed + round, document.getJsonObject("components"));
            // fresh callers and resources each round; state-ending calls (logout, deletes) run last
            Authoring.User author = fixtures.author();
            String site = fixtures.site(author).getString("id");
            String series = fixtures.series(author, site).getString("id");
            String chapter = fixtures.chapter(author, series, "Fuzzed", "One.\n\nTwo.\n\nThree.")
                    .getString("id");
            Map<String, String> known = Map.of(
                    "siteId",
                    site,
                    "seriesId",
                    series,
                    "chapterId",
                    chapter,
                    "authorId",
                    author.id().toString(),
                    "userId",
                    author.id().toString());
            for (Op op : ops) {
                for (String token : new String[] {null, author.token()}) {
                    for (Attempt a : attempts(op, known, maker)) {
                        requests++;
                        String what = op.method + " " + op.path + " (" + a.label + ", "
                                + (token == null ? "anonymous" : "author") + ")";
                        HttpResponse<Buffer> r;
                        try {
                            r = send(op.method, a.path, a.body, a.rawBody, token);
                        } catch (Throwable e) {
                            Throwable cause = e.getCause() instanceof AssertionError ? e.getCause() : e;
                            boolean server = String.valueOf(cause.getMessage())
                                    .matches("(?s)\\S+ \\S+ answered 5(?!03)\\d\\d.*");
                            (server ? serverErrors : violations).add(what + ": " + cause.getMessage());
                            continue;
                        }
                        answered2xx += r.statusCode() < 300 ? 1 : 0;
                        if (r.statusCode() >= 500 && r.statusCode() != 503) {
                            serverErrors.add(what + ": " + r.statusCode() + " " + r.bodyAsString());
                        } else if (a.invalid && r.statusCode() < 400) {
                            acceptedInvalid.add(what + ": " + r.statusCode());
                        } else if (a.invalid && !"application/problem+json".equals(r.getHeader("Content-Type"))) {
                            violations.add(what + ": refused without a problem body");
                        }
                    }
                }
            }
        }
        log.info(
                "fuzz: {} operations, {} requests ({} answered 2xx), {} server errors, {} contract violations, {} invalid requests"
                        + " accepted (seed {}, {} rounds)",
                ops.size(),
                requests,
                answered2xx,
                serverErrors.size(),
                violations.size(),
                acceptedInvalid.size(),
                seed,
                rounds);
        assertTrue(serverErrors.isEmpty(), "server errors:\n" + String.join("\n", serverErrors));
        assertTrue(violations.isEmpty(), "contract violations:\n" + String.join("\n", violations));
        assertTrue(
                acceptedInvalid.isEmpty(),
                "requests that break a declared rule but were accepted:\n" + String.join("\n", acceptedInvalid));
    }

    record Attempt(String label, String path, Object body, String rawBody, boolean invalid) {}

    private static List<Attempt> attempts(Op op, Map<String, String> known, RequestMaker maker) {
        List<Attempt> out = new ArrayList<>();
        String path = RequestMaker.fill(op.path, known);
        JsonObject schema = op.spec
                .getJsonObject("requestBody", new JsonObject())
                .getJsonObject("content", new JsonObject())
                .getJsonObject("application/json", new JsonObject())
                .getJsonObject("schema");
        boolean bodyRequired =
                op.spec.getJsonObject("requestBody", new JsonObject()).getBoolean("required", false);
        if (schema == null) {
            out.add(new Attempt("no body", path, null, null, false));
        } else {
            for (RequestMaker.Body b : maker.bodies(schema)) {
                out.add(new Attempt(b.label(), path, b.json(), null, b.invalid()));
            }
            out.add(new Attempt("malformed JSON", path, null, "{\"unterminated", bodyRequired));
        }
        op.spec.getJsonArray("parameters", new io.vertx.core.json.JsonArray()).stream()
                .map(JsonObject.class::cast)
                .filter(p -> "query".equals(p.getString("in")))
                .findFirst()
                .ifPresent(q -> {
                    // a query that is not valid percent-encoding is a 400, never an exception
                    out.add(new Attempt(
                            "malformed query",
                            path + "?" + q.getString("name") + "=%%%",
                            schema == null ? null : new JsonObject(),
                            null,
                            true));
                    out.add(new Attempt(
                            "oversized query value",
                            path + "?" + q.getString("name") + "=" + "9".repeat(5000),
                            schema == null ? null : new JsonObject(),
                            null,
                            false));
                });
        if (op.path.contains("Id}")) {
            // an id that is not one names nothing
            out.add(new Attempt(
                    "bad id",
                    op.path.replaceAll("\\{[A-Za-z]+Id}", "not-an-id").replaceAll("\\{[^}]+}", "fuzz"),
                    schema == null ? null : new JsonObject(),
                    null,
                    true));
        }
        return out;
    }

    private static HttpResponse<Buffer> send(String method, String path, Object body, String raw, String token)
            throws Exception {
        HttpRequest<Buffer> request = app.client.request(HttpMethod.valueOf(method), path);
        if (token != null) {
            request.putHeader("Authorization", "Bearer " + token);
        }
        if (raw != null) {
            return request.putHeader("Content-Type", "application/json")
                    .sendBuffer(Buffer.buffer(raw))
                    .await(30, TimeUnit.SECONDS);
        }
        if (body != null) {
            return request.putHeader("Content-Type", "application/json")
                    .sendBuffer(Buffer.buffer(io.vertx.core.json.Json.encode(body)))
                    .await(30, TimeUnit.SECONDS);
        }
        return request.send().await(30, TimeUnit.SECONDS);
    }

    /** Reads first, then writes, then what ends state (deletes, sign-outs), so early calls don't starve later ones. */
    private static List<Op> operations(JsonObject document) {
        List<Op> ops = new ArrayList<>();
        JsonObject paths = document.getJsonObject("paths");
        for (String path : paths.fieldNames()) {
            if (!path.startsWith("/api/")
                    || path.contains("/webhooks/stripe")
                    || path.contains("/webhooks/razorpay")
                    || path.contains("/webhooks/xendit")
                    || path.contains("/webhooks/inbound")) {
                continue; // gateway webhooks are signed: the inbound tests hold them
            }
            for (String method : paths.getJsonObject(path).fieldNames()) {
                ops.add(new Op(
                        method.toUpperCase(), path, paths.getJsonObject(path).getJsonObject(method)));
            }
        }
        ops.sort(Comparator.comparingInt(OpenApiFuzzTest::rank)
                .thenComparing(Op::path)
                .thenComparing(Op::method));
        return ops;
    }

    private static int rank(Op op) {
        if (op.path.contains("logout")
                || op.path.contains("/sessions")
                || op.path.contains("change-password")
                || op.path.contains("mfa/")
                || op.path.contains("change-email")) {
            return 3;
        }
        return switch (op.method) {
            case "GET" -> 0;
            case "DELETE" -> 2;
            default -> 1;
        };
    }
}
