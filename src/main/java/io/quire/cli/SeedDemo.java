package io.quire.cli;

import io.quire.platform.config.QuireConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seed-demo}: a living demo site on a running Quire, made the way its users would make it, through the API
 * (so every rule, the paywall and the outbox apply as they do to real content): an author with a site, a tier, two
 * series with published chapters (two behind the paywall, one of them behind the tier), a reader's comments with
 * the author's reply, and a week of analytics events. Each run makes a new author and site, so it can run again.
 */
@Command(
        name = "seed-demo",
        mixinStandardHelpOptions = true,
        description = "Fill a running Quire with a demo site (series, chapters, a paid tier, comments, analytics).")
final class SeedDemo implements Callable<Integer> {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String API = "/api/v1";

    private final Map<String, String> env;

    @Option(
            names = "--url",
            description = "Where the server answers (default: http://127.0.0.1:<http.port> of the configuration)")
    String url;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    SeedDemo(Map<String, String> env) {
        this.env = env;
    }

    /** What the command made, for the summary (and the test). */
    record Made(
            String authorEmail,
            String readerEmail,
            String password,
            String siteId,
            String novelId,
            String freeChapterId,
            String lockedChapterId,
            String tierChapterId,
            int events) {}

    @Override
    public Integer call() {
        URI base = URI.create(url != null ? url : localUrl(Commands.config(env)));
        ApiCalls api = new ApiCalls(base);
        if (!api.ready()) {
            throw new ApiCalls.Failed(
                    "Quire is not ready at " + base + "; start it first (java -jar quire.jar) or pass --url");
        }
        Made made = seed(api);
        print(spec.commandLine().getOut(), base, made);
        return 0;
    }

    private static String localUrl(QuireConfig config) {
        return "http://127.0.0.1:" + config.http().port();
    }

    static Made seed(ApiCalls api) {
        String tag = HexFormat.of().formatHex(RANDOM.generateSeed(3));
        String password = "demo-" + HexFormat.of().formatHex(RANDOM.generateSeed(6)) + "-quill";
        String authorEmail = "demo-author-" + tag + "@example.com";
        String readerEmail = "demo-reader-" + tag + "@example.com";

        String author = becomeAuthor(api, register(api, authorEmail, "mira_" + tag, password));
        JsonObject site = api.post(API + "/sites", author, new JsonObject().put("name", "Moonlit Serials " + tag), 201);
        String siteId = site.getString("id");
        JsonObject tier = api.post(
                API + "/sites/" + siteId + "/tiers",
                author,
                new JsonObject()
                        .put("name", "Lantern Patron")
                        .put("monthlyPrice", 500)
                        .put("currency", "USD")
                        .put(
                                "benefits",
                                new JsonArray().add("Chapters a week early").add("The author's notes")),
                201);

        String novel =
                series(api, author, siteId, "The Lantern Archive", "A keeper of lost letters reads one too many.");
        List<String> chapters = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            chapters.add(chapter(api, author, novel, i));
        }
        // chapter 4 for any subscriber, chapter 5 for the tier: the first two paragraphs stay readable as a preview
        access(api, author, chapters.get(3), new JsonObject().put("accessLevel", "SUBSCRIBERS"));
        access(
                api,
                author,
                chapters.get(4),
                new JsonObject().put("accessLevel", "SPECIFIC_TIER").put("minimumTierId", tier.getString("id")));
        String notes = series(api, author, siteId, "Tidewater Notes", "Short pieces from the harbour town.");
        chapter(api, author, notes, 1);
        String secondNote = chapter(api, author, notes, 2);

        String reader = register(api, readerEmail, "reader_" + tag, password);
        JsonObject comment = api.post(
                API + "/chapters/" + chapters.get(0) + "/comments",
                reader,
                new JsonObject().put("content", "The letter in the stove! I did not see that coming."),
                201);
        api.post(
                API + "/comments/" + comment.getString("id") + "/reply",
                author,
                new JsonObject().put("content", "Wait until you read who wrote it."),
                201);
        api.post(
                API + "/chapters/" + secondNote + "/comments",
                reader,
                new JsonObject().put("content", "More of the harbour, please."),
                201);

        String key = api.get(API + "/sites/" + siteId + "/analytics/ingest-key", author, 200)
                .getString("ingestKey");
        JsonArray events = events(siteId, novel, chapters);
        api.events(key, events);
        return new Made(
                authorEmail,
                readerEmail,
                password,
                siteId,
                novel,
                chapters.get(0),
                chapters.get(3),
                chapters.get(4),
                events.size());
    }

    private static String register(ApiCalls api, String email, String username, String password) {
        return api.post(
                        API + "/auth/register",
                        null,
                        new JsonObject()
                                .put("email", email)
                                .put("password", password)
                                .put("username", username),
                        201)
                .getString("accessToken");
    }

    /** The author profile's answer carries the token with the new role; an approval queue is a stop, not a 403. */
    private static String becomeAuthor(ApiCalls api, String readerToken) {
        try {
            return api.post(API + "/author-profile", readerToken, new JsonObject().put("penName", "Mira Vale"), 201)
                    .getString("accessToken");
        } catch (ApiCalls.Failed e) {
            if (e.getMessage().contains(" 202 ")) {
                throw new ApiCalls.Failed("this server needs an admin to approve authors (auth.authorSignup ="
                        + " approval); seed-demo runs where sign-up is open");
            }
            throw e;
        }
    }

    private static String series(ApiCalls api, String author, String siteId, String title, String synopsis) {
        String id = api.post(
                        API + "/sites/" + siteId + "/series",
                        author,
                        new JsonObject().put("title", title).put("synopsis", synopsis),
                        201)
                .getString("id");
        api.post(API + "/series/" + id + "/publish", author, null, 200);
        return id;
    }

    private static String chapter(ApiCalls api, String author, String seriesId, int number) {
        String id = api.post(
                        API + "/series/" + seriesId + "/chapters",
                        author,
                        new JsonObject().put("title", "Chapter " + number).put("content", DemoText.chapter(number)),
                        201)
                .getString("id");
        api.post(API + "/chapters/" + id + "/publish", author, null, 200);
        return id;
    }

    private static void access(ApiCalls api, String author, String chapterId, JsonObject access) {
        api.patch(
                API + "/chapters/" + chapterId + "/access",
                author,
                access.put("previewParagraphs", 2).put("paywallMessage", "Become a patron to read on."),
                200);
    }

    /** A week of twelve readers: page and series views, chapter starts and completions, spread over the days. */
    private static JsonArray events(String siteId, String seriesId, List<String> chapters) {
        JsonArray events = new JsonArray();
        Instant now = Instant.now();
        for (int reader = 0; reader < 12; reader++) {
            String session = "demo-session-" + reader;
            Instant at = now.minusSeconds((reader % 7) * 86_400L + reader * 600L);
            events.add(event("PAGE_VIEW", session, at)
                    .put("url", "https://moonlit.example/sites/" + siteId)
                    .put("referrer", reader % 3 == 0 ? "https://www.google.com/" : "https://news.example/"));
            events.add(event("SERIES_VIEW", session, at.plusSeconds(5)).put("seriesId", seriesId));
            int read = 1 + reader % chapters.size();
            for (int c = 0; c < read; c++) {
                Instant started = at.plusSeconds(30 + c * 400L);
                events.add(event("CHAPTER_START", session, started)
                        .put("seriesId", seriesId)
                        .put("chapterId", chapters.get(c)));
                events.add(event("CHAPTER_COMPLETE", session, started.plusSeconds(360))
                        .put("seriesId", seriesId)
                        .put("chapterId", chapters.get(c))
                        .put("percent", 100));
            }
        }
        return events;
    }

    private static JsonObject event(String type, String session, Instant at) {
        return new JsonObject()
                .put("eventType", type)
                .put("eventId", UUID.randomUUID().toString())
                .put("sessionId", session)
                .put("anonymousId", session)
                .put("timestamp", at.toString());
    }

    private static void print(PrintWriter out, URI base, Made made) {
        out.println("Demo site made at " + base + " (site " + made.siteId() + ").");
        out.println("  author: " + made.authorEmail() + "  reader: " + made.readerEmail() + "  password (both): "
                + made.password());
        out.println("Try:");
        out.println("  curl " + base.resolve(API + "/sites/" + made.siteId() + "/series/public"));
        out.println("  curl " + base.resolve(API + "/series/" + made.novelId() + "/chapters/public"));
        out.println("  curl " + base.resolve(API + "/chapters/" + made.freeChapterId() + "/read"));
        out.println("  curl " + base.resolve(API + "/chapters/" + made.lockedChapterId() + "/read")
                + "   # behind the paywall: a preview");
        out.println(made.events() + " analytics events sent, over the past week: sign in as the author for"
                + " /api/v1/sites/" + made.siteId() + "/analytics/overview (earlier days count once the rollup has"
                + " run: analytics.rollupIntervalSeconds, 300 s by default).");
        out.flush();
    }
}
