package io.quire.sites;

import io.quire.platform.auth.Authz;
import io.quire.platform.auth.Role;
import io.quire.platform.http.PathParams;
import io.quire.platform.http.RequestBody;
import io.quire.platform.http.Responses;
import io.quire.platform.http.Revisions;
import io.quire.platform.text.Slugs;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** {@code /api/v1/sites}: management for owners and collaborators, and public metadata lookups. */
public final class SiteRoutes {
  private static final String BASE = "/api/v1/sites";
  private static final Pattern DOMAIN = Pattern.compile("^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$");
  private static final Set<String> RATINGS = Set.of("EVERYONE", "TEEN", "MATURE");
  private final SiteService sites;

  public SiteRoutes(SiteService sites) {
    this.sites = sites;
  }

  public void mount(Router router) {
    // --- public metadata (before /:siteId so "by-slug" isn't read as an id)
    router.get(BASE + "/by-slug/:slug").handler(this::publicBySlug);
    router.get(BASE + "/by-domain/:domain").handler(this::publicByDomain);
    router.get(BASE + "/:siteId/public").handler(this::publicById);
    // --- management
    router.get(BASE).handler(Authz.authenticated()).handler(this::list);
    router.post(BASE).handler(Authz.atLeast(Role.AUTHOR)).handler(this::create);
    router.get(BASE + "/:siteId").handler(Authz.authenticated()).handler(this::get);
    router.patch(BASE + "/:siteId").handler(Authz.authenticated()).handler(this::update);
    router.delete(BASE + "/:siteId").handler(Authz.authenticated()).handler(this::delete);
    router.post(BASE + "/:siteId/restore").handler(Authz.authenticated()).handler(this::restore);
    router.get(BASE + "/:siteId/settings").handler(Authz.authenticated()).handler(this::settings);
    router.patch(BASE + "/:siteId/settings").handler(Authz.authenticated()).handler(this::updateSettings);
  }

  private static UUID siteId(RoutingContext ctx) {
    return PathParams.uuid(ctx, "siteId", "site.not_found");
  }

  private void list(RoutingContext ctx) {
    boolean deleted = "true".equals(ctx.request().getParam("includeDeleted"));
    sites.listMine(Authz.require(ctx), deleted).onSuccess(list -> Responses.list(ctx, list, null)).onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    RequestBody body = RequestBody.of(ctx);
    String name = body.requiredString("name", 1, 100);
    String slug = slug(body);
    String tagline = body.optionalString("tagline", 0, 200);
    String description = body.optionalString("description", 0, 5000);
    Boolean isPublic = body.optionalBoolean("isPublic");
    body.validate();
    sites.create(Authz.require(ctx), new SiteService.NewSite(name, slug, tagline, description, isPublic))
        .onSuccess(site -> {
          Revisions.setEtag(ctx, site.getLong("revision"));
          ctx.response().putHeader("Location", BASE + "/" + site.getString("id"));
          Responses.json(ctx, 201, site);
        }).onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    sites.getJson(Authz.require(ctx), siteId(ctx)).onSuccess(site -> {
      Revisions.setEtag(ctx, site.getLong("revision"));
      Responses.json(ctx, 200, site);
    }).onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    RequestBody body = RequestBody.of(ctx);
    String domain = body.optionalString("customDomain", 0, 253);
    if (domain != null && !domain.isEmpty() && !DOMAIN.matcher(domain.toLowerCase()).matches()) {
      body.error("customDomain", "must be a domain name such as read.example.com");
    }
    var update = new SiteService.SiteUpdate(body.optionalString("name", 1, 100),
        body.has("tagline"), body.optionalString("tagline", 0, 200),
        body.has("description"), body.optionalString("description", 0, 5000),
        body.has("customDomain"), domain == null || domain.isEmpty() ? null : domain.toLowerCase(),
        body.optionalBoolean("isPublic"), slug(body));
    Long expected = Revisions.expected(ctx, body);
    body.validate();
    sites.update(Authz.require(ctx), siteId(ctx), update, expected)
        .onSuccess(site -> {
          Revisions.setEtag(ctx, site.revision());
          Responses.json(ctx, 200, site.toJson(null));
        }).onFailure(ctx::fail);
  }

  private void settings(RoutingContext ctx) {
    sites.get(Authz.require(ctx), siteId(ctx)).onSuccess(site -> {
      Revisions.setEtag(ctx, site.revision());
      Responses.json(ctx, 200, site.settingsJson());
    }).onFailure(ctx::fail);
  }

  private void updateSettings(RoutingContext ctx) {
    RequestBody body = RequestBody.of(ctx);
    Boolean comments = body.optionalBoolean("commentsEnabled");
    String mode = body.optionalString("commentsModerationMode", 3, 4);
    if (mode != null && !mode.equals("pre") && !mode.equals("post")) {
      body.error("commentsModerationMode", "must be pre or post");
    }
    String rating = body.optionalString("defaultContentRating", 4, 8);
    if (rating != null && !RATINGS.contains(rating)) {
      body.error("defaultContentRating", "must be EVERYONE, TEEN or MATURE");
    }
    var extra = body.optionalObject("extra", 50);
    if (extra != null && extra.getValue("timezone") != null) {
      // the analytics reporting zone: days are rolled up in it
      try {
        java.time.ZoneId.of(String.valueOf(extra.getValue("timezone")));
      } catch (java.time.DateTimeException e) {
        body.error("extra.timezone", "must be an IANA time zone such as Asia/Kolkata");
      }
    }
    var update = new SiteService.SettingsUpdate(comments, mode, rating, body.optionalBoolean("isPublic"), extra);
    Long expected = Revisions.expected(ctx, body);
    body.validate();
    sites.updateSettings(Authz.require(ctx), siteId(ctx), update, expected).onSuccess(site -> {
      Revisions.setEtag(ctx, site.revision());
      Responses.json(ctx, 200, site.settingsJson());
    }).onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    sites.delete(Authz.require(ctx), siteId(ctx)).onSuccess(v -> Responses.noContent(ctx)).onFailure(ctx::fail);
  }

  private void restore(RoutingContext ctx) {
    sites.restore(Authz.require(ctx), siteId(ctx)).onSuccess(site -> {
      Revisions.setEtag(ctx, site.revision());
      Responses.json(ctx, 200, site.toJson(null));
    }).onFailure(ctx::fail);
  }

  private void publicById(RoutingContext ctx) {
    sites.publicById(siteId(ctx)).onSuccess(site -> Responses.publicJson(ctx, site)).onFailure(ctx::fail);
  }

  private void publicBySlug(RoutingContext ctx) {
    sites.publicBySlug(ctx.pathParam("slug").toLowerCase()).onSuccess(site -> Responses.publicJson(ctx, site)).onFailure(ctx::fail);
  }

  private void publicByDomain(RoutingContext ctx) {
    sites.publicByDomain(ctx.pathParam("domain")).onSuccess(site -> Responses.publicJson(ctx, site)).onFailure(ctx::fail);
  }

  /** An explicit slug must already be a slug: 3–80 of a-z, 0-9 and single hyphens. */
  static String slug(RequestBody body) {
    String slug = body.optionalString("slug", 3, Slugs.MAX_LENGTH);
    return body.matching("slug", slug, Slugs.VALID, "must be lower-case letters, digits and single hyphens");
  }
}
