package io.quire.identity;

import io.quire.platform.auth.Authz;
import io.quire.platform.http.PathParams;
import io.quire.platform.http.RequestBody;
import io.quire.platform.http.Responses;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.regex.Pattern;

/** {@code /api/v1/users/*}, {@code /api/v1/author-profile}, {@code /api/v1/authors/:userId}. */
public final class ProfileRoutes {
  private static final Pattern LOCALE = Pattern.compile("^[a-z]{2}(-[A-Z]{2})?$");
  private final ProfileService profiles;

  ProfileRoutes(ProfileService profiles) {
    this.profiles = profiles;
  }

  public void mount(Router router) {
    // --- own profile
    router.get("/api/v1/users/me").handler(Authz.authenticated()).handler(this::me);
    router.patch("/api/v1/users/me").handler(Authz.session()).handler(this::updateMe);
    router.get("/api/v1/users/me/preferences").handler(Authz.authenticated()).handler(this::preferences);
    router.patch("/api/v1/users/me/preferences").handler(Authz.session()).handler(this::updatePreferences);
    // --- public profiles (after /users/me, which the :username route would otherwise swallow)
    router.get("/api/v1/users/:username").handler(this::publicProfile);
    router.get("/api/v1/authors/:userId").handler(this::publicAuthor);
    // --- author profile
    router.post("/api/v1/author-profile").handler(Authz.session()).handler(this::createAuthorProfile);
    router.get("/api/v1/author-profile").handler(Authz.authenticated()).handler(this::authorProfile);
    router.patch("/api/v1/author-profile").handler(Authz.session()).handler(this::updateAuthorProfile);
  }

  private void me(RoutingContext ctx) {
    profiles.me(Authz.require(ctx)).onSuccess(me -> Responses.json(ctx, 200, me)).onFailure(ctx::fail);
  }

  private void updateMe(RoutingContext ctx) {
    RequestBody body = RequestBody.of(ctx);
    String displayName = body.optionalString("displayName", 1, 60);
    String bio = body.optionalString("bio", 0, 2000);
    String avatarUrl = url(body, "avatarUrl");
    String timezone = body.optionalString("timezone", 1, 64);
    if (timezone != null) {
      try {
        ZoneId.of(timezone);
      } catch (DateTimeException e) {
        body.error("timezone", "must be an IANA time zone such as Europe/Paris");
      }
    }
    String locale = body.matching("locale", body.optionalString("locale", 2, 5), LOCALE, "must look like en or en-GB");
    body.validate();
    var update = new ProfileUpdate(displayName, body.has("bio"), bio, body.has("avatarUrl"), avatarUrl, timezone, locale);
    profiles.update(Authz.require(ctx), update).onSuccess(me -> Responses.json(ctx, 200, me)).onFailure(ctx::fail);
  }

  private void preferences(RoutingContext ctx) {
    profiles.preferences(Authz.require(ctx)).onSuccess(p -> Responses.json(ctx, 200, p)).onFailure(ctx::fail);
  }

  private void updatePreferences(RoutingContext ctx) {
    RequestBody body = RequestBody.of(ctx);
    JsonObject changes = body.asObject(50, 10_000);
    body.validate();
    profiles.updatePreferences(Authz.require(ctx), changes).onSuccess(p -> Responses.json(ctx, 200, p)).onFailure(ctx::fail);
  }

  private void publicProfile(RoutingContext ctx) {
    profiles.publicProfile(ctx.pathParam("username").toLowerCase())
        .onSuccess(p -> Responses.json(ctx, 200, p)).onFailure(ctx::fail);
  }

  private void publicAuthor(RoutingContext ctx) {
    profiles.publicAuthor(PathParams.uuid(ctx, "userId", "author.not_found"))
        .onSuccess(p -> Responses.json(ctx, 200, p)).onFailure(ctx::fail);
  }

  private void createAuthorProfile(RoutingContext ctx) {
    AuthorProfileInput in = authorInput(RequestBody.of(ctx));
    profiles.createAuthorProfile(Authz.require(ctx), in).onSuccess(p -> Responses.json(ctx, 201, p)).onFailure(ctx::fail);
  }

  private void authorProfile(RoutingContext ctx) {
    profiles.authorProfile(Authz.require(ctx)).onSuccess(p -> Responses.json(ctx, 200, p)).onFailure(ctx::fail);
  }

  private void updateAuthorProfile(RoutingContext ctx) {
    AuthorProfileInput in = authorInput(RequestBody.of(ctx));
    profiles.updateAuthorProfile(Authz.require(ctx), in).onSuccess(p -> Responses.json(ctx, 200, p)).onFailure(ctx::fail);
  }

  private static AuthorProfileInput authorInput(RequestBody body) {
    AuthorProfileInput in = new AuthorProfileInput(
        body.has("penName"), body.optionalString("penName", 1, 100),
        body.has("tagline"), body.optionalString("tagline", 0, 200),
        body.has("fullBio"), body.optionalString("fullBio", 0, 20_000),
        body.has("websiteUrl"), url(body, "websiteUrl"),
        body.optionalObject("socialLinks", 20),
        body.optionalStrings("genres", 20, 50),
        body.optionalBoolean("acceptingCommissions"),
        body.optionalBoolean("allowDirectMessages"));
    body.validate();
    return in;
  }

  /** An optional absolute http(s) URL. */
  private static String url(RequestBody body, String field) {
    String value = body.optionalString(field, 0, 2048);
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      URI uri = new URI(value);
      if (uri.getHost() != null && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
        return value;
      }
    } catch (java.net.URISyntaxException e) {
      // reported below
    }
    return body.error(field, "must be an http(s) URL");
  }
}
