package io.quire.sites;

import static io.quire.platform.api.Schema.anyObject;
import static io.quire.platform.api.Schema.bool;
import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.nullable;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;
import static io.quire.platform.api.Schema.uuid;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Call;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.ObjectSchema;
import io.quire.platform.api.Reply;
import io.quire.platform.api.Rules;
import io.quire.platform.api.Schema;
import io.quire.platform.auth.Role;
import io.quire.platform.links.ReaderLinks;
import io.quire.platform.text.Slugs;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import java.util.regex.Pattern;

/** {@code /api/v1/sites}: management for owners and collaborators, and public metadata lookups. */
public final class SiteRoutes {
    private static final String BASE = "/api/v1/sites";
    private static final String TAG = "sites";
    private static final Pattern DOMAIN =
            Pattern.compile("^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$");
    private static final Schema SITE = ref("Site");
    private static final Schema PUBLIC_SITE = ref("PublicSite");
    private static final Schema SETTINGS = ref("SiteSettings");
    /** An explicit slug must already be a slug: 3–80 of a-z, 0-9 and single hyphens. */
    static final Schema SLUG = string().length(3, Slugs.MAX_LENGTH)
            .pattern(Slugs.VALID.pattern(), "must be lower-case letters, digits and single hyphens");

    private static final ObjectSchema CREATE = object().required(
                    "name", string().length(1, 100).example("Moonlit Serials"))
            .optional("slug", SLUG)
            .optional("tagline", nullable(string().length(0, 200)))
            .optional("description", nullable(string().length(0, 5000)))
            .optional("isPublic", bool());
    private static final ObjectSchema UPDATE = CREATE.allOptional()
            .optional(
                    "customDomain",
                    nullable(string().length(0, 253)
                            .rule(
                                    d -> d.isEmpty()
                                            || DOMAIN.matcher(d.toLowerCase()).matches(),
                                    "must be a domain name such as read.example.com")
                            .description("Empty or null removes it")))
            .optional(
                    "readerBaseUrl",
                    nullable(string().length(0, ReaderLinks.MAX_LENGTH)
                            .rule(
                                    u -> u.isEmpty() || ReaderLinks.problem(u) == null,
                                    "must be an absolute https URL"
                                            + " without query or fragment, such as https://read.example.com")
                            .description("Where readers read this site: feeds, sitemaps, mails and share links point"
                                    + " at <base>/<series-slug>/<chapter-slug>. Empty or null falls back to the"
                                    + " platform's reader site, or to the public API resources")))
            .optional("baseRevision", integer().range(1, Integer.MAX_VALUE).description("Or send If-Match"));
    private static final ObjectSchema SETTINGS_UPDATE = object().optional("commentsEnabled", bool())
            .optional("commentsModerationMode", string().oneOf("pre", "post"))
            .optional("defaultContentRating", string().oneOf("EVERYONE", "TEEN", "MATURE"))
            .optional("isPublic", bool())
            .optional(
                    "extra",
                    anyObject()
                            .maxProperties(50)
                            .description("Free-form settings; timezone is the analytics reporting zone")
                            .optional(
                                    "timezone",
                                    string().rule(Rules::timeZone, "must be an IANA time zone such as Asia/Kolkata")))
            .optional("baseRevision", integer().range(1, Integer.MAX_VALUE));

    private final SiteService sites;

    public SiteRoutes(SiteService sites) {
        this.sites = sites;
    }

    public void mount(Api api) {
        components(api);
        // --- public metadata (before /{siteId} so "by-slug" isn't read as an id)
        api.on(
                Endpoint.get(BASE + "/by-slug/{slug}")
                        .id("getPublicSiteBySlug")
                        .tag(TAG)
                        .summary("Public metadata of an active public site")
                        .ok(PUBLIC_SITE)
                        .conditional(),
                call -> sites.publicBySlug(call.path("slug").toLowerCase()).map(Reply::publicJson));
        api.on(
                Endpoint.get(BASE + "/by-domain/{domain}")
                        .id("getPublicSiteByDomain")
                        .tag(TAG)
                        .summary("Public metadata by custom domain")
                        .ok(PUBLIC_SITE)
                        .conditional(),
                call -> sites.publicByDomain(call.path("domain")).map(Reply::publicJson));
        api.on(
                Endpoint.get(BASE + "/{siteId}/public")
                        .id("getPublicSite")
                        .tag(TAG)
                        .summary("Public metadata by id")
                        .ok(PUBLIC_SITE)
                        .conditional(),
                call -> sites.publicById(siteId(call)).map(Reply::publicJson));
        // --- management
        api.on(
                Endpoint.get(BASE)
                        .id("listSites")
                        .tag(TAG)
                        .summary("Your sites and the sites you collaborate on")
                        .access(Access.signedIn())
                        .query("includeDeleted", bool(), "true: also your soft-deleted sites")
                        .ok(Schema.list(SITE)),
                call -> sites.listMine(call.user(), "true".equals(call.query("includeDeleted")))
                        .map(l -> Reply.list(l, null)));
        api.on(
                Endpoint.post(BASE)
                        .id("createSite")
                        .tag(TAG)
                        .summary("Create a site")
                        .description("The slug comes from the name unless given.")
                        .access(Access.atLeast(Role.AUTHOR))
                        .body(CREATE)
                        .ok(201, SITE, "Created; Location names it")
                        .problems(409),
                call -> sites.create(
                                call.user(),
                                new SiteService.NewSite(
                                        call.body().getString("name"),
                                        call.body().getString("slug"),
                                        call.body().getString("tagline"),
                                        call.body().getString("description"),
                                        call.body().getBoolean("isPublic")))
                        .map(site -> Reply.created(site)
                                .revision(site.getLong("revision"))
                                .header("Location", BASE + "/" + site.getString("id"))));
        api.on(
                Endpoint.get(BASE + "/{siteId}")
                        .id("getSite")
                        .tag(TAG)
                        .summary("A site you own or work on")
                        .description("Its ETag is its revision.")
                        .access(Access.signedIn())
                        .ok(SITE)
                        .problems(403),
                call -> sites.getJson(call.user(), siteId(call))
                        .map(site -> Reply.ok(site).revision(site.getLong("revision"))));
        api.on(
                Endpoint.patch(BASE + "/{siteId}")
                        .id("updateSite")
                        .tag(TAG)
                        .summary("Update a site")
                        .description(
                                "Send only what changes; a sent null (or empty) clears tagline, description, customDomain and"
                                        + " readerBaseUrl. "
                                        + "If-Match or baseRevision is optional; a stale one is a 412.")
                        .access(Access.signedIn())
                        .header("If-Match", "The ETag you read")
                        .body(UPDATE)
                        .ok(SITE)
                        .problems(403, 409, 412),
                call -> sites.update(call.user(), siteId(call), update(call.body()), call.expectedRevision())
                        .map(seen ->
                                Reply.ok(seen.toJson()).revision(seen.site().revision())));
        api.on(
                Endpoint.delete(BASE + "/{siteId}")
                        .id("deleteSite")
                        .tag(TAG)
                        .summary("Soft-delete a site")
                        .description("Owner only; restorable for content.softDeleteRetentionDays.")
                        .access(Access.signedIn())
                        .noContent()
                        .problems(403),
                call -> sites.delete(call.user(), siteId(call)).map(v -> Reply.noContent()));
        api.on(
                Endpoint.post(BASE + "/{siteId}/restore")
                        .id("restoreSite")
                        .tag(TAG)
                        .summary("Restore a soft-deleted site")
                        .access(Access.signedIn())
                        .ok(SITE)
                        .problems(403, 409),
                call -> sites.restore(call.user(), siteId(call))
                        .map(seen ->
                                Reply.ok(seen.toJson()).revision(seen.site().revision())));
        api.on(
                Endpoint.get(BASE + "/{siteId}/settings")
                        .id("getSiteSettings")
                        .tag(TAG)
                        .summary("Comment and content settings")
                        .access(Access.signedIn())
                        .ok(SETTINGS)
                        .problems(403),
                call -> sites.get(call.user(), siteId(call))
                        .map(site -> Reply.ok(site.settingsJson()).revision(site.revision())));
        api.on(
                Endpoint.patch(BASE + "/{siteId}/settings")
                        .id("updateSiteSettings")
                        .tag(TAG)
                        .summary("Update settings")
                        .access(Access.signedIn())
                        .header("If-Match", "The ETag you read")
                        .body(SETTINGS_UPDATE)
                        .ok(SETTINGS)
                        .problems(403, 412),
                call -> {
                    JsonObject b = call.body();
                    var update = new SiteService.SettingsUpdate(
                            b.getBoolean("commentsEnabled"),
                            b.getString("commentsModerationMode"),
                            b.getString("defaultContentRating"),
                            b.getBoolean("isPublic"),
                            b.getJsonObject("extra"));
                    return sites.updateSettings(call.user(), siteId(call), update, call.expectedRevision())
                            .map(site -> Reply.ok(site.settingsJson()).revision(site.revision()));
                });
    }

    private static void components(Api api) {
        ObjectSchema publicSite = object().required("id", uuid())
                .required("slug", string())
                .required("name", string())
                .required("tagline", nullable(string()))
                .required("description", nullable(string()))
                .required("customDomain", nullable(string()))
                .required("readerBaseUrl", nullable(string().format("uri")))
                .required("logoMediaId", nullable(uuid().description("Served to anyone at /api/v1/media/{id}/public")))
                .required("faviconMediaId", nullable(uuid()));
        api.component(
                "PublicSite",
                object().with(publicSite)
                        .required("defaultContentRating", string().oneOf("EVERYONE", "TEEN", "MATURE"))
                        .required("commentsEnabled", bool()));
        api.component(
                "Site",
                object().with(publicSite)
                        .required("ownerId", uuid())
                        .required("status", string().oneOf("ACTIVE", "MAINTENANCE", "SUSPENDED", "DELETED"))
                        .required("isPublic", bool())
                        .required("revision", integer())
                        .required(
                                "yourRole",
                                nullable(string().oneOf(Membership.Role.class)
                                        .description("Null for a platform admin who is not a member")))
                        .required("createdAt", string().format("date-time"))
                        .required("updatedAt", string().format("date-time"))
                        .required("deletedAt", nullable(string().format("date-time"))));
        api.component(
                "SiteSettings",
                object().required("commentsEnabled", bool())
                        .required("commentsModerationMode", string().oneOf("pre", "post"))
                        .required("defaultContentRating", string().oneOf("EVERYONE", "TEEN", "MATURE"))
                        .required("isPublic", bool())
                        .required("extra", anyObject())
                        .required("revision", integer()));
    }

    private static UUID siteId(Call call) {
        return call.id("siteId", "site.not_found");
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static SiteService.SiteUpdate update(JsonObject b) {
        String domain = b.getString("customDomain");
        return new SiteService.SiteUpdate(
                b.getString("name"),
                b.containsKey("tagline"),
                b.getString("tagline"),
                b.containsKey("description"),
                b.getString("description"),
                b.containsKey("customDomain"),
                domain == null || domain.isEmpty() ? null : domain.toLowerCase(),
                b.getBoolean("isPublic"),
                b.getString("slug"),
                b.containsKey("readerBaseUrl"),
                emptyToNull(b.getString("readerBaseUrl")));
    }
}
