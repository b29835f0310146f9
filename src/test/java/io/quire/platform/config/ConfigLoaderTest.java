package io.quire.platform.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.platform.files.AppFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
    @TempDir
    Path home;

    private QuireConfig load(Map<String, String> env) throws Exception {
        Path config = home.resolve("config");
        Files.createDirectories(config);
        Files.copy(
                Path.of("config/default.json"),
                config.resolve("default.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return new ConfigLoader(new AppFiles(home)).load(env);
    }

    private void envFile(String env, String json) throws Exception {
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/" + env + ".json"), json);
    }

    @Test
    void defaultsApplyWhenNothingOverrides() throws Exception {
        QuireConfig c = load(Map.of());
        assertEquals("dev", c.env());
        assertEquals(8080, c.http().port());
        assertEquals("0.0.0.0", c.http().host());
        assertEquals("", c.pg().url(), "dev without a pg.url runs its own PostgreSQL");
        assertEquals("", c.redis().url());
        assertTrue(c.embedsPg());
        assertTrue(c.embedsRedis());
        assertEquals("./data", c.data().dir());
        assertEquals("quire:", c.redis().keyPrefix());
        assertEquals(Set.of("http", "ingest", "webhooks", "workers"), c.verticles());
        assertEquals(30, c.startup().waitSeconds());
        assertTrue(c.jwt().generated(), "an empty secret outside prod is replaced by a random one");
        assertTrue(c.jwt().secret().length() >= 32);
        assertFalse(c.toString().contains(c.jwt().secret()), "never printed");
    }

    @Test
    void envFileOverridesDefaultsAndEnvVariablesOverrideBoth() throws Exception {
        envFile("staging", """
        {"http": {"port": 9000, "host": "127.0.0.1"}, "pg": {"poolSize": 3, "url": "postgresql://db/quire"},
         "redis": {"url": "redis://cache:6379/0"}}""");
        QuireConfig fromFile = load(Map.of("QUIRE_ENV", "staging"));
        assertEquals("staging", fromFile.env());
        assertEquals(9000, fromFile.http().port());
        assertEquals("127.0.0.1", fromFile.http().host());
        assertEquals(3, fromFile.pg().poolSize());

        QuireConfig fromEnv = load(Map.of(
                "QUIRE_ENV",
                "staging",
                "QUIRE_HTTP_PORT",
                "9100",
                "QUIRE_PG_POOL_SIZE",
                "5",
                "QUIRE_VERTICLES",
                "http, workers",
                "QUIRE_HTTP_BODY_LIMIT_BYTES",
                "2048",
                "QUIRE_HTTP_COMPRESSION",
                "false"));
        assertEquals(9100, fromEnv.http().port());
        assertEquals("127.0.0.1", fromEnv.http().host(), "keys the env doesn't name keep the file's value");
        assertEquals(5, fromEnv.pg().poolSize());
        assertEquals(Set.of("http", "workers"), fromEnv.verticles());
        assertEquals(2048, fromEnv.http().bodyLimitBytes());
        assertFalse(fromEnv.http().compression());
    }

    @Test
    void fixedEnvironmentVariableNamesMapToTheirKeys() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("QUIRE_HTTP_HOST", "127.0.0.2");
        env.put("QUIRE_PG_URL", "postgresql://app:pw@db.internal:6543/quire_prod");
        env.put("QUIRE_REDIS_URL", "redis://cache.internal:6380/2");
        env.put("QUIRE_REDIS_KEY_PREFIX", "q2:");
        env.put("QUIRE_JWT_SECRET", "s".repeat(40));
        env.put("QUIRE_PUBLIC_BASE_URL", "https://api.example.com");
        QuireConfig c = load(env);
        assertEquals("127.0.0.2", c.http().host());
        assertEquals("postgresql://app:pw@db.internal:6543/quire_prod", c.pg().url());
        assertEquals("redis://cache.internal:6380/2", c.redis().url());
        assertEquals("q2:", c.redis().keyPrefix());
        assertEquals("s".repeat(40), c.jwt().secret());
        assertEquals("https://api.example.com", c.publicBaseUrl());
        assertEquals("QUIRE_HTTP_BODY_LIMIT_BYTES", ConfigLoader.envName("http.bodyLimitBytes"));
        assertEquals("QUIRE_STARTUP_WAIT_SECONDS", ConfigLoader.envName("startup.waitSeconds"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "QUIRE_HTTP_PORT|abc|http.port (QUIRE_HTTP_PORT) = 'abc': not an integer",
                "QUIRE_HTTP_PORT|70000|http.port (QUIRE_HTTP_PORT) = '70000': must be between 0 and 65535",
                "QUIRE_PG_POOL_SIZE|0|pg.poolSize (QUIRE_PG_POOL_SIZE) = '0': must be between 1 and 1000",
                "QUIRE_VERTICLES|http,reports|verticles (QUIRE_VERTICLES) = 'http,reports': unknown verticle 'reports'",
                "QUIRE_VERTICLES|,|verticles (QUIRE_VERTICLES) = '': at least one verticle must run",
                "QUIRE_PG_URL|mysql://localhost/quire|pg.url (QUIRE_PG_URL) = 'mysql://localhost/quire': not a URL",
                "QUIRE_PG_URL|postgresql://bad host/quire|pg.url (QUIRE_PG_URL) = 'postgresql://bad host/quire': malformed URL",
                "QUIRE_REDIS_URL|localhost:6379|redis.url (QUIRE_REDIS_URL) = 'localhost:6379': not a URL",
                "QUIRE_PUBLIC_BASE_URL|example.com|publicBaseUrl (QUIRE_PUBLIC_BASE_URL) = 'example.com': not a URL",
                "QUIRE_HTTP_COMPRESSION|yes|http.compression (QUIRE_HTTP_COMPRESSION) = 'yes': not true or false",
                "QUIRE_LOG_FORMAT|xml|log.format (QUIRE_LOG_FORMAT) = 'xml': must be one of json, text",
                "QUIRE_ENV|Prod!|env (QUIRE_ENV): 'Prod!' must be lower-case letters",
                "QUIRE_READING_READER_BASE_URL|http://{site}.example.com|reading.readerBaseUrl (QUIRE_READING_READER_BASE_URL) = 'http://{site}.example.com': must be an absolute https URL",
                "QUIRE_READING_READER_BASE_URL|https://read.example.com/?site={site}|must not carry credentials, a query or a fragment",
            })
    void aBadValueNamesTheKeyItsVariableAndTheProblem(String variable, String value, String expected) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of(variable, value)));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), "one line");
    }

    @Test
    void prodRefusesAShortJwtSecretWithoutShowingIt() {
        ConfigException e = assertThrows(
                ConfigException.class, () -> load(Map.of("QUIRE_ENV", "prod", "QUIRE_JWT_SECRET", "short-secret")));
        assertTrue(e.getMessage().contains("jwt.secret (QUIRE_JWT_SECRET)"), e.getMessage());
        assertFalse(e.getMessage().contains("short-secret"), "the secret itself is never printed");
    }

    @Test
    void outsideDevAServiceUrlIsRequired() throws Exception {
        envFile("staging", """
        {"redis": {"url": "redis://cache:6379/0"}}""");
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of("QUIRE_ENV", "staging")));
        assertTrue(e.getMessage().contains("pg.url (QUIRE_PG_URL)"), e.getMessage());
        assertTrue(e.getMessage().contains("is required outside dev"), e.getMessage());
        QuireConfig dev = load(Map.of("QUIRE_PG_URL", "postgresql://db/quire"));
        assertFalse(dev.embedsPg(), "a URL given in dev is used as it is");
        assertTrue(dev.embedsRedis());
    }

    @Test
    void anUnknownKeyInAnEnvFileIsRejected() throws Exception {
        envFile("staging", """
        {"http": {"prot": 9000}}""");
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of("QUIRE_ENV", "staging")));
        assertEquals("config/staging.json: unknown key 'http.prot' (not in config/default.json)", e.getMessage());
    }

    @Test
    void aWrongTypeInAnEnvFileIsRejected() throws Exception {
        envFile("staging", """
        {"http": {"port": "eighty"}}""");
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of("QUIRE_ENV", "staging")));
        assertTrue(e.getMessage().contains("http.port (QUIRE_HTTP_PORT) = 'eighty': not an integer"), e.getMessage());
    }

    @Test
    void brokenJsonInAnEnvFileIsRejected() throws Exception {
        envFile("staging", "{\"http\": ");
        ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of("QUIRE_ENV", "staging")));
        assertTrue(e.getMessage().startsWith("config/staging.json: not valid JSON"), e.getMessage());
    }

    @Test
    void httpInstancesZeroMeansOnePerCore() throws Exception {
        assertEquals(Runtime.getRuntime().availableProcessors(), load(Map.of()).httpInstances());
        assertEquals(3, load(Map.of("QUIRE_HTTP_INSTANCES", "3")).httpInstances());
        assertEquals(List.of("*"), load(Map.of()).http().corsAllowedOrigins());
    }
}
