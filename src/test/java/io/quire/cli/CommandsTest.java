package io.quire.cli;

import static io.quire.testing.Api.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.platform.db.PgTarget;
import io.quire.testing.SharedApp;
import io.quire.testing.TestDatabases;
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
    void helpListsTheCommandsAndAnUnknownOneIsAUsageError() {
        Run help = run(Map.of(), "--help");
        assertEquals(0, help.code());
        for (String command : new String[] {"serve", "migrate", "config", "create-admin"}) {
            assertTrue(help.out().contains(command), help.out());
        }
        assertTrue(help.out().contains("Exit codes"), help.out());
        Run unknown = run(Map.of(), "frobnicate");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("frobnicate"), unknown.err());
    }
}
