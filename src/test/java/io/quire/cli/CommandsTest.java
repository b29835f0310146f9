package io.quire.cli;

import static io.quire.testing.Api.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.platform.db.PgTarget;
import io.quire.testing.Eventually;
import io.quire.testing.FreePorts;
import io.quire.testing.SharedApp;
import io.quire.testing.TestDatabases;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The operator commands of the jar, run as {@code java -jar quire.jar <command>} would run them. */
class CommandsTest extends SharedApp {

    record Run(int code, String out, String err) {}

    private static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Commands.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private static Map<String, String> env(String pgUrl) {
        Map<String, String> env = new HashMap<>();
        env.put("QUIRE_ENV", "test");
        env.put("QUIRE_PG_URL", pgUrl);
        env.put("QUIRE_REDIS_URL", app.config.redis().url());
        env.put("QUIRE_LOG_LEVEL", "WARN");
        return env;
    }

    @Test
    void configCheckPrintsTheConfigurationWithSecretsMaskedAndNamesABadValue() {
        Map<String, String> env = env("postgresql://quire:hunter22@db.internal:5432/quire");
        env.put("QUIRE_JWT_SECRET", "s".repeat(40));
        Run ok = run(env, "config", "check");
        assertEquals(0, ok.code(), ok.err());
        JsonObject shown = new JsonObject(ok.out().substring(0, ok.out().lastIndexOf('}') + 1));
        assertEquals("****", shown.getJsonObject("jwt").getString("secret"));
        assertEquals(
                "postgresql://quire:****@db.internal:5432/quire",
                shown.getJsonObject("pg").getString("url"));
        assertFalse(ok.out().contains("hunter22") || ok.out().contains("s".repeat(40)), ok.out());
        assertTrue(ok.out().contains("configuration ok (env test)"), ok.out());

        env.put("QUIRE_HTTP_PORT", "eighty");
        Run bad = run(env, "config", "check");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("http.port (QUIRE_HTTP_PORT) = 'eighty': not an integer"), bad.err());

        Map<String, String> prod = new HashMap<>(Map.of("QUIRE_ENV", "staging"));
        Run missing = run(prod, "config", "check");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("pg.url (QUIRE_PG_URL)"), missing.err());
    }

    @Test
    void migrateCreatesTheDatabaseRunsTheChangesetsAndIsANoOpTheSecondTime() {
        String database = TestDatabases.unusedName();
        PgTarget server = TestDatabases.server();
        String url = "postgresql://" + server.options().getUser() + "@"
                + server.options().getHost() + ":" + server.options().getPort() + "/" + database;
        try {
            Run first = run(env(url), "migrate");
            assertEquals(0, first.code(), first.err());
            Matcher applied =
                    Pattern.compile("\\((\\d+) changesets applied in all\\)").matcher(first.out());
            assertTrue(applied.find(), first.out());
            assertTrue(Integer.parseInt(applied.group(1)) > 10, first.out());
            Run again = run(env(url), "migrate");
            assertEquals(0, again.code(), again.err());
            assertTrue(
                    again.out().contains("(" + applied.group(1) + " changesets applied in all)"),
                    "nothing more the second time: " + again.out());
        } finally {
            TestDatabases.drop(database);
        }
    }

    @Test
    void createAdminMakesASuperAdminWhoSignsInWithTheOneTimePassword() {
        String email = "root-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Run created = run(env(app.config.pg().url()), "create-admin", "--email", email);
        assertEquals(0, created.code(), created.err());
        Matcher password = Pattern.compile("one-time password: (\\S+)").matcher(created.out());
        assertTrue(password.find(), created.out());
        JsonObject tokens = ok(
                api.post(
                        "/api/v1/auth/login",
                        new JsonObject().put("email", email).put("password", password.group(1)),
                        null),
                200);
        assertEquals("SUPER_ADMIN", tokens.getJsonObject("user").getString("role"));

        Run again = run(env(app.config.pg().url()), "create-admin", "--email", email.toUpperCase());
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("is now a SUPER_ADMIN (its password is unchanged"), again.out());
        assertFalse(again.out().contains("one-time password"), "an existing account keeps its password");

        Run bad = run(env(app.config.pg().url()), "create-admin", "--email", "not-an-address");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--email must be an email address"), bad.err());
    }

    @Test
    void seedDemoFillsARunningServerWithASiteWhosePaywallHoldsAndWhoseEventsLand() throws Exception {
        Map<String, String> env = env(app.config.pg().url());
        Run seeded = run(env, "seed-demo", "--url", "http://127.0.0.1:" + app.port);
        assertEquals(0, seeded.code(), seeded.err());
        Matcher site = Pattern.compile("\\(site ([0-9a-f-]{36})\\)").matcher(seeded.out());
        assertTrue(site.find(), seeded.out());
        Matcher password = Pattern.compile("password \\(both\\): (\\S+)").matcher(seeded.out());
        assertTrue(password.find(), seeded.out());
        Matcher author = Pattern.compile("author: (\\S+)").matcher(seeded.out());
        assertTrue(author.find(), seeded.out());
        String siteId = site.group(1);

        JsonArray series = ok(api.get("/api/v1/sites/" + siteId + "/series/public", null), 200)
                .getJsonArray("data");
        assertEquals(2, series.size(), series.encode());
        String novel = series.stream()
                .map(JsonObject.class::cast)
                .filter(s -> s.getString("title").equals("The Lantern Archive"))
                .findFirst()
                .orElseThrow()
                .getString("id");
        JsonArray toc = ok(api.get("/api/v1/series/" + novel + "/chapters/public", null), 200)
                .getJsonArray("data");
        assertEquals(5, toc.size(), toc.encode());

        JsonObject free = ok(api.get("/api/v1/chapters/" + toc.getJsonObject(0).getString("id") + "/read", null), 200);
        assertFalse(free.getBoolean("locked"));
        assertTrue(free.getString("contentHtml").contains("End of chapter 1."), free.encode());
        for (int i : new int[] {3, 4}) {
            JsonObject locked =
                    ok(api.get("/api/v1/chapters/" + toc.getJsonObject(i).getString("id") + "/read", null), 200);
            assertTrue(locked.getBoolean("locked"), locked.encode());
            assertFalse(locked.encode().contains("End of chapter"), "the preview stops at two paragraphs");
            assertEquals(
                    i == 3 ? "SUBSCRIBERS" : "SPECIFIC_TIER",
                    locked.getJsonObject("requiredAccess").getString("level"));
        }

        JsonArray comments = ok(
                        api.get("/api/v1/chapters/" + toc.getJsonObject(0).getString("id") + "/comments", null), 200)
                .getJsonArray("data");
        assertEquals(1, comments.size(), comments.encode());
        assertTrue(comments.getJsonObject(0).getString("content").contains("letter in the stove"));

        String token = ok(
                        api.post(
                                "/api/v1/auth/login",
                                new JsonObject().put("email", author.group(1)).put("password", password.group(1)),
                                null),
                        200)
                .getString("accessToken");
        assertEquals(
                1,
                ok(api.get("/api/v1/sites/" + siteId + "/tiers", token), 200)
                        .getJsonArray("data")
                        .size());
        Eventually.await(
                () -> app.count("SELECT count(*) FROM analytics_events WHERE site_id = '" + siteId + "'") > 0,
                10_000,
                "the demo's events written");
        assertTrue(app.count("SELECT count(*) FROM analytics_events WHERE site_id = '" + siteId + "'") >= 40);

        Run nobody = run(env, "seed-demo", "--url", "http://127.0.0.1:" + FreePorts.next());
        assertEquals(1, nobody.code());
        assertTrue(nobody.err().contains("start it first (java -jar quire.jar) or pass --url"), nobody.err());
    }

    @Test
    void helpListsTheCommandsAndAnUnknownOneIsAUsageError() {
        Run help = run(Map.of(), "--help");
        assertEquals(0, help.code());
        for (String command : new String[] {"serve", "migrate", "config", "create-admin", "seed-demo"}) {
            assertTrue(help.out().contains(command), help.out());
        }
        assertTrue(help.out().contains("Exit codes"), help.out());
        Run unknown = run(Map.of(), "frobnicate");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("frobnicate"), unknown.err());
    }
}
