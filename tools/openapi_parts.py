#!/usr/bin/env python3
"""Writes the OpenAPI parts identity.json, apikeys.json, authoring.json, webhooks.json, analytics.json, engagement.json and billing.json (src/main/resources/openapi/) from
the route tables below.

Edit the tables, run `python3 tools/openapi_parts.py`, commit the outputs. OpenApiCoverageTest checks
that every mounted route is documented and every documented route mounted.
"""
import json
import re, os

S = lambda **p: {"type": "object", "properties": p}
STR = {"type": "string"}
EMAIL = {"type": "string", "format": "email"}
PW = {"type": "string", "minLength": 10, "maxLength": 256}
TOKEN = {"type": "string"}
BOOL = {"type": "boolean"}
INT = {"type": "integer"}
ARR = lambda t: {"type": "array", "items": t}
REF = lambda n: {"$ref": "#/components/schemas/" + n}

ERR = {
    400: "Malformed body or invalid/used/expired token", 401: "Not signed in, or credentials/token invalid",
    403: "Signed in but not allowed (role, API key, wrong password)", 404: "Not found or not visible to you",
    413: "The body is larger than this endpoint accepts",
    409: "Conflict with current state (an illegal status change carries currentStatus)",
    412: "Stale If-Match / baseRevision; the problem carries currentRevision",
    415: "Body is not application/json", 422: "Invalid fields (see errors[])",
    428: "This change needs If-Match (the ETag you read) or baseRevision",
    423: "Account locked after repeated failed sign-ins; Retry-After says for how long",
    429: "Rate limited; Retry-After and RateLimit-* headers", 503: "A dependency is unavailable",
    502: "The payment gateway refused the call (its message is in detail)",
}

def op(summary, ok, ok_schema=None, body=None, required=(), errors=(), auth="session", tag="auth", params=()):
    o = {"tags": [tag], "summary": summary, "responses": {}}
    if auth == "session":
        o["security"] = [{"bearerAuth": []}]
    elif auth == "any":
        o["security"] = [{"bearerAuth": []}, {"apiKey": []}]
    else:
        o["security"] = []
    if params:
        o["parameters"] = list(params)
    if body is not None:
        schema = dict(body)
        if required:
            schema["required"] = list(required)
        o["requestBody"] = {"required": True, "content": {"application/json": {"schema": schema}}}
    o["responses"][str(ok)] = {"description": "OK"} if ok_schema is None and ok == 204 else {
        "description": "OK", "content": {"application/json": {"schema": ok_schema or {"type": "object"}}}}
    # 401 everywhere: where no credentials are needed, ones that are sent are still checked (an invalid token is
    # refused, never ignored); 400 wherever a JSON body is read (not JSON: request.malformed_json, not an object:
    # request.not_an_object)
    for code in sorted(set(errors) | {401} | ({400, 415, 422} if body else set())):
        description = ERR[code] if code != 401 or auth in ("session", "any") else ERR_OPTIONAL_401
        o["responses"][str(code)] = {"description": description, "content": {"application/problem+json": {"schema": REF("Problem")}}}
    return o

ERR_OPTIONAL_401 = "Credentials are optional here, but an Authorization or X-API-Key that is sent and invalid is refused"

path_param = lambda name: {"name": name, "in": "path", "required": True, "schema": {"type": "string", "format": "uuid"}}
query = lambda name, schema, desc: {"name": name, "in": "query", "required": False, "schema": schema, "description": desc}

tokens = REF("TokenResponse")
user = REF("User")
A = "/api/v1/auth"
# identity (auth, profiles, author profiles, admin users) is declared in identity/*Routes.java; its shared shapes:
identity = {
}

# /api/v1/api-keys: declared in apikeys/ApiKeyRoutes.java; its shapes are key_schemas below
apikeys = {}

user_props = dict(id=STR, email=STR, emailVerified=BOOL, username=STR, displayName=STR, bio={"type": ["string", "null"]},
    avatarUrl={"type": ["string", "null"]}, timezone=STR, locale=STR,
    role={"enum": ["READER", "AUTHOR", "COLLABORATOR", "ADMIN", "SUPER_ADMIN"]},
    status={"enum": ["PENDING_VERIFICATION", "ACTIVE", "SUSPENDED", "BANNED", "DELETED"]}, mfaEnabled=BOOL,
    lastLoginAt={"type": ["string", "null"], "format": "date-time"}, createdAt={"type": "string", "format": "date-time"})
schemas = {
    "User": S(**user_props),
    "PublicUser": S(id=STR, username=STR, displayName=STR, bio=STR, avatarUrl=STR, role=STR, createdAt=STR),
    "TokenResponse": dict(S(user=REF("User"), accessToken=STR, refreshToken=STR, expiresIn=INT, tokenType={"const": "Bearer"}),
                          required=["accessToken", "refreshToken"]),
    "MfaRequired": dict(S(mfaRequired={"const": True}, mfaToken=STR, expiresIn=INT), required=["mfaRequired", "mfaToken"]),
    "Session": S(id=STR, device=STR, userAgent=STR, ipAddress=STR, createdAt=STR, lastActiveAt=STR, expiresAt=STR, current=BOOL),
    "AuthorProfileInput": S(penName=STR, tagline=STR, fullBio=STR, websiteUrl=STR, socialLinks={"type": "object"},
        genres=ARR(STR), acceptingCommissions=BOOL, allowDirectMessages=BOOL),
    "AuthorProfile": S(userId=STR, penName=STR, tagline=STR, fullBio=STR, websiteUrl=STR, socialLinks={"type": "object"},
        genres=ARR(STR), acceptingCommissions=BOOL, allowDirectMessages=BOOL, isVerified=BOOL, createdAt=STR, updatedAt=STR),
}
key_schemas = {
    "ApiKey": S(id=STR, name=STR, prefix=STR, scopes=ARR(STR), siteId={"type": ["string", "null"]}, allowedIps=ARR(STR),
        allowedOrigins=ARR(STR), rateLimitPerMinute=INT, expiresAt={"type": ["string", "null"]},
        lastUsedAt={"type": ["string", "null"]}, createdAt=STR),
    "ApiKeyWithSecret": {"allOf": [REF("ApiKey"), S(key={"type": "string", "description": "qk_<prefix>_<secret>; shown once"})]},
}

# ---- authoring: sites, series, chapters
site_p, series_p, chapter_p = path_param("siteId"), path_param("seriesId"), path_param("chapterId")
version_p = {"name": "versionId", "in": "path", "required": True, "schema": {"type": "integer"}, "description": "version number"}
ifmatch = {"name": "If-Match", "in": "header", "required": False, "schema": STR, "description": "the ETag you read, e.g. \"r7\""}
site, series, chapter = REF("Site"), REF("Series"), REF("Chapter")
content_r = REF("ChapterContent")
lst = lambda item: S(data=ARR(item), nextCursor={"type": ["string", "null"]})
A_ERR = (403, 404)
site_in = S(name=STR, slug=STR, tagline=STR, description=STR, isPublic=BOOL, customDomain=STR, baseRevision=INT)
series_in = S(title=STR, slug=STR, synopsis=STR, contentType=STR, contentRating=STR, language=STR, defaultAccessLevel=STR,
              earlyAccessDays=INT, previewParagraphs=INT, paywallMessage=STR, baseRevision=INT)
authoring = {
    # /api/v1/sites and its settings and public lookups: declared in sites/SiteRoutes.java
    "/api/v1/sites/{siteId}/series": {
        "get": op("Series of a site", 200, lst(series), errors=A_ERR, auth="any", tag="series", params=(site_p,)),
        "post": op("Create a series (owner or editor)", 201, series, series_in, ("title",), A_ERR + (409,), auth="any", tag="series", params=(site_p,))},
    "/api/v1/series/{seriesId}": {
        "get": op("A series", 200, series, errors=A_ERR, auth="any", tag="series", params=(series_p,)),
        "patch": op("Update a series", 200, series, series_in, (), A_ERR + (409, 412), auth="any", tag="series", params=(series_p, ifmatch)),
        "delete": op("Soft-delete a series", 204, errors=A_ERR, auth="any", tag="series", params=(series_p,))},
    "/api/v1/series/{seriesId}/restore": {"post": op("Restore a soft-deleted series", 200, series, errors=A_ERR + (409,), auth="any", tag="series", params=(series_p,))},
    "/api/v1/series/{seriesId}/chapters": {
        "get": op("Chapters of a series, in display order", 200, lst(chapter), errors=A_ERR, auth="any", tag="chapters", params=(series_p,)),
        "post": op("Create a chapter (not viewers); number, order and slug default to the next ones", 201, chapter,
            S(title=STR, content=STR, authorNote=STR, chapterNumber={"type": "number"}, volumeNumber=INT, slug=STR,
              accessLevel={"enum": ["FREE", "SUBSCRIBERS"]}), ("title",), A_ERR + (409,), auth="any", tag="chapters", params=(series_p,))},
    "/api/v1/chapters/{chapterId}": {
        "get": op("A chapter's metadata (ETag = revision)", 200, chapter, errors=A_ERR, auth="any", tag="chapters", params=(chapter_p,)),
        "patch": op("Update metadata; changing the title needs If-Match and makes a version", 200, chapter,
            S(title=STR, chapterNumber={"type": "number"}, volumeNumber={"type": ["integer", "null"]}, slug=STR,
              authorNotePosition={"enum": ["start", "end"]}, baseRevision=INT), (), A_ERR + (409, 412, 428), auth="any", tag="chapters",
            params=(chapter_p, ifmatch)),
        "delete": op("Soft-delete a chapter", 204, errors=A_ERR, auth="any", tag="chapters", params=(chapter_p,))},
    "/api/v1/chapters/{chapterId}/restore": {"post": op("Restore a soft-deleted chapter", 200, chapter, errors=A_ERR + (409,), auth="any", tag="chapters", params=(chapter_p,))},
    "/api/v1/chapters/{chapterId}/content": {
        "get": op("Markdown source, sanitised HTML, author note", 200, content_r, errors=A_ERR, auth="any", tag="chapters", params=(chapter_p,)),
        "put": op("Replace the content (If-Match or baseRevision required); makes a version and clears your autosave", 200, content_r,
            S(content=STR, title=STR, authorNote={"type": ["string", "null"]}, changeNote=STR, baseRevision=INT), ("content",),
            A_ERR + (412, 428), auth="any", tag="chapters", params=(chapter_p, ifmatch))},
    "/api/v1/chapters/{chapterId}/autosave": {
        "get": op("Your autosave, with stale=true when the chapter moved on since its base revision", 200, REF("Autosave"), errors=A_ERR,
            auth="any", tag="chapters", params=(chapter_p,)),
        "post": op("Save a draft of your edit (no version); needs its base revision", 200, REF("Autosave"),
            S(content=STR, title=STR, authorNote=STR, baseRevision=INT), ("content",), A_ERR + (428,), auth="any", tag="chapters",
            params=(chapter_p, ifmatch)),
        "delete": op("Discard your autosave", 204, errors=A_ERR, auth="any", tag="chapters", params=(chapter_p,))},
    "/api/v1/chapters/{chapterId}/access": {
        "get": op("Access settings", 200, S(accessLevel=STR, minimumTierId=STR, scheduledFreeAt=STR, previewParagraphs=INT,
            paywallMessage=STR, price=INT, priceCurrency=STR, revision=INT), errors=A_ERR, auth="any", tag="chapters", params=(chapter_p,)),
        "patch": op("Change access level, tier, preview paragraphs, paywall message, and the price of buying the chapter alone "
            "(minor units; null stops selling it)", 200, chapter,
            S(accessLevel={"enum": ["FREE", "SUBSCRIBERS", "SPECIFIC_TIER"]}, minimumTierId=STR, previewParagraphs=INT, paywallMessage=STR,
              price=INT, priceCurrency=STR, baseRevision=INT), (), A_ERR + (412,), auth="any", tag="chapters", params=(chapter_p, ifmatch))},
    "/api/v1/chapters/{chapterId}/versions": {"get": op("Versions, newest first; page with ?before=<number>", 200, lst(REF("VersionSummary")),
        errors=A_ERR, auth="any", tag="versions", params=(chapter_p, query("before", INT, "versions older than this number"),
        query("limit", INT, "1–100, default 20")))},
    "/api/v1/chapters/{chapterId}/versions/{versionId}": {"get": op("One version with its content", 200, REF("Version"), errors=A_ERR,
        auth="any", tag="versions", params=(chapter_p, version_p))},
    "/api/v1/chapters/{chapterId}/versions/{versionId}/diff": {"get": op("Unified diff and stats from this version to the current one (or ?against=N)",
        200, REF("Diff"), errors=A_ERR, auth="any", tag="versions", params=(chapter_p, version_p, query("against", STR, "current (default) or a version number")))},
    "/api/v1/chapters/{chapterId}/versions/compare/{v1}/{v2}": {"get": op("Diff between two versions", 200, REF("Diff"), errors=A_ERR,
        auth="any", tag="versions", params=(chapter_p, dict(version_p, name="v1"), dict(version_p, name="v2")))},
    "/api/v1/chapters/{chapterId}/versions/{versionId}/restore": {"post": op("Make a version current again, as a new version (If-Match required)",
        200, content_r, errors=A_ERR + (412, 428), auth="any", tag="versions", params=(chapter_p, version_p, ifmatch))},
}
for action, summary in (("publish", "Publish now (from DRAFT or SCHEDULED)"), ("unpublish", "Back to DRAFT (from PUBLISHED)"),
                        ("archive", "Archive (from PUBLISHED)"), ("unarchive", "Unarchive (back to PUBLISHED)")):
    authoring["/api/v1/chapters/{chapterId}/" + action] = {"post": op(summary, 200, chapter, errors=A_ERR + (409,), auth="any",
        tag="chapters", params=(chapter_p,))}
for action, summary in (("publish", "DRAFT → ONGOING"), ("unpublish", "back to DRAFT"), ("complete", "→ COMPLETED"),
                        ("hiatus", "ONGOING → HIATUS"), ("resume", "HIATUS → ONGOING")):
    o = op("Series status: " + summary + "; with {at, timezone} it is scheduled instead (applied within seconds, exactly once,"
           " if still legal then)", 200, series, errors=A_ERR + (400, 409, 422), auth="any", tag="series", params=(series_p,))
    o["requestBody"] = {"required": False, "content": {"application/json": {"schema": S(at=STR, timezone=STR)}}}
    authoring["/api/v1/series/{seriesId}/" + action] = {"post": o}
authoring["/api/v1/series/{seriesId}/scheduled-status"] = {"delete": op("Cancel a scheduled status change", 200, series,
    errors=A_ERR + (409,), auth="any", tag="series", params=(series_p,))}
sched = S(scheduledAt={"type": "string", "description": "ISO-8601 with offset, or a local date-time read in timezone"},
          timezone={"type": "string", "examples": ["Asia/Kolkata"]})
authoring["/api/v1/chapters/{chapterId}/schedule"] = {
    "post": op("Schedule publication (DRAFT → SCHEDULED); published within seconds of the time, exactly once", 200, chapter, sched,
        ("scheduledAt", "timezone"), A_ERR + (409,), auth="any", tag="chapters", params=(chapter_p,)),
    "patch": op("Move the scheduled time", 200, chapter, sched, ("scheduledAt", "timezone"), A_ERR + (409,), auth="any", tag="chapters", params=(chapter_p,)),
    "delete": op("Cancel the schedule (SCHEDULED → DRAFT)", 200, chapter, errors=A_ERR + (409,), auth="any", tag="chapters", params=(chapter_p,))}
free = S(scheduledFreeAt=STR, timezone=STR)
authoring["/api/v1/chapters/{chapterId}/schedule-free"] = {
    "post": op("Make the chapter free at a time (default: publication + the series' earlyAccessDays)", 200, chapter, free, (), A_ERR + (409,),
        auth="any", tag="chapters", params=(chapter_p,)),
    "patch": op("Move the free-unlock time", 200, chapter, free, ("scheduledFreeAt",), A_ERR + (409,), auth="any", tag="chapters", params=(chapter_p,)),
    "delete": op("Cancel the free-unlock (the chapter stays for subscribers)", 200, chapter, errors=A_ERR + (409,), auth="any", tag="chapters",
        params=(chapter_p,))}
ids_body = S(chapterIds=ARR({"type": "string", "format": "uuid"}))
authoring["/api/v1/series/{seriesId}/chapters/reorder"] = {"patch": op("Set the display order: every chapter of the series, once each",
    200, lst(chapter), ids_body, ("chapterIds",), A_ERR, auth="any", tag="chapters", params=(series_p,))}
authoring["/api/v1/chapters/{chapterId}/move"] = {"post": op("Move to another series of the same site (next number there unless given)",
    200, chapter, S(seriesId={"type": "string", "format": "uuid"}, chapterNumber={"type": "number"}), ("seriesId",), A_ERR + (409,),
    auth="any", tag="chapters", params=(chapter_p,))}
authoring["/api/v1/chapters/{chapterId}/duplicate"] = {"post": op("A DRAFT copy with the next number", 201, chapter, errors=A_ERR,
    auth="any", tag="chapters", params=(chapter_p,))}
bulk_result = S(changed=INT, data=ARR(chapter))
for action, summary, extra, req in (
        ("update", "Set volumeNumber and/or authorNotePosition", dict(volumeNumber={"type": ["integer", "null"]}, authorNotePosition=STR), ()),
        ("delete", "Soft-delete", {}, ()),
        ("publish", "Publish (each must be DRAFT or SCHEDULED)", {}, ()),
        ("access", "Set the access level", dict(accessLevel={"enum": ["FREE", "SUBSCRIBERS", "SPECIFIC_TIER"]}, minimumTierId=STR), ("accessLevel",)),
        ("schedule", "Schedule (each must be DRAFT)", dict(scheduledAt=STR, timezone=STR), ("scheduledAt", "timezone"))):
    authoring["/api/v1/series/{seriesId}/chapters/bulk/" + action] = {"post": op(
        "Bulk: " + summary + " for up to 500 chapters, all or nothing", 200, bulk_result, S(chapterIds=ARR(STR), **extra),
        ("chapterIds",) + req, A_ERR + (409,), auth="any", tag="chapters", params=(series_p,))}
fmt = {"name": "format", "in": "path", "required": True, "schema": {"enum": ["markdown", "html", "epub"]}}
download = {"description": "The file (Content-Disposition: attachment)", "content": {
    "application/zip": {"schema": {"type": "string", "format": "binary"}},
    "text/html": {"schema": {"type": "string"}}, "application/epub+zip": {"schema": {"type": "string", "format": "binary"}}}}
def export_op(summary, params):
    o = op(summary, 200, errors=A_ERR + (422,), auth="any", tag="export", params=params)
    o["responses"]["200"] = download
    return o
authoring["/api/v1/series/{seriesId}/chapters/export"] = {"get": export_op(
    "Export the series: ?format=markdown (zip with front matter), html (one file) or epub (EPUB 3)",
    (series_p, query("format", {"enum": ["markdown", "html", "epub"]}, "default markdown")))}
authoring["/api/v1/chapters/{chapterId}/export"] = {"get": export_op("Export one chapter as Markdown (zip)", (chapter_p,))}
authoring["/api/v1/chapters/{chapterId}/export/{format}"] = {"get": export_op("Export one chapter as markdown, html or epub", (chapter_p, fmt))}

def upload_op(summary, media):
    o = op(summary, 201, S(imported=INT, data=ARR(chapter)), errors=A_ERR + (409, 413, 415, 422), auth="any", tag="import",
           params=(series_p,) + ((query("filename", STR, "names the file in error messages and untitled chapters"),) if "markdown" in media[0] else ()))
    o["requestBody"] = {"required": True, "content": {m: {"schema": {"type": "string", "format": "binary"}} for m in media}}
    return o
authoring["/api/v1/series/{seriesId}/chapters/import/markdown"] = {"post": upload_op(
    "Import one Markdown file, split into chapters at # and ## headings (all or nothing; errors name file and line)",
    ("text/markdown", "text/plain"))}
authoring["/api/v1/series/{seriesId}/chapters/import"] = {"post": upload_op(
    "Import a zip of .md files, one chapter each (front matter title/number optional; all or nothing)",
    ("application/zip",))}

collab = REF("Collaborator")
collab_p = path_param("collaboratorId")
token_p = {"name": "token", "in": "path", "required": True, "schema": STR, "description": "the token from the invitation email"}
perm = {"type": "object", "properties": {"publish": BOOL}, "additionalProperties": False}
# collaborators and their invitations: declared in sites/CollaboratorRoutes.java

genre_p = path_param("genreId")
tag_p = {"name": "tagSlug", "in": "path", "required": True, "schema": STR}
# one page, so the cursor is always null; written as a nullable string (a bare {"type": "null"} property breaks
# generated clients)
ONE_PAGE_CURSOR = {"type": ["string", "null"], "description": "always null: the whole list is one page"}
pub_list = lambda item: S(data=ARR(item), nextCursor=ONE_PAGE_CURSOR)
authoring["/api/v1/genres"] = {"get": op("All genres (a small tree: parentId)", 200, pub_list(REF("Genre")), auth=None, tag="taxonomy")}
authoring["/api/v1/genres/featured"] = {"get": op("Featured genres", 200, pub_list(REF("Genre")), auth=None, tag="taxonomy")}
authoring["/api/v1/genres/{genreId}"] = {"get": op("One genre", 200, REF("Genre"), errors=(404,), auth=None, tag="taxonomy", params=(genre_p,))}
authoring["/api/v1/genres/{genreId}/children"] = {"get": op("Sub-genres", 200, pub_list(REF("Genre")), errors=(404,), auth=None,
    tag="taxonomy", params=(genre_p,))}
authoring["/api/v1/content-warnings"] = {"get": op("Content warnings", 200, pub_list(REF("ContentWarning")), auth=None, tag="taxonomy")}
authoring["/api/v1/tags"] = {
    "get": op("Popular tags", 200, pub_list(REF("Tag")), auth=None, tag="taxonomy", params=(query("limit", INT, "1–100, default 20"),)),
    "post": op("Find or create a tag by name (AUTHOR+): 201 created, 200 existing; blocked tags are refused", 201, REF("Tag"),
        S(name=STR), ("name",), (403, 422), auth="any", tag="taxonomy")}
authoring["/api/v1/tags/search"] = {"get": op("Search tags by prefix or name", 200, pub_list(REF("Tag")), errors=(422,), auth=None,
    tag="taxonomy", params=(query("q", STR, "1–50 characters"), query("limit", INT, "1–100")))}
authoring["/api/v1/tags/{tagSlug}"] = {"get": op("One tag", 200, REF("Tag"), errors=(404,), auth=None, tag="taxonomy", params=(tag_p,))}
authoring["/api/v1/admin/tags/{tagSlug}"] = {"patch": op("Block or unblock a tag (ADMIN+)", 200, REF("Tag"), S(blocked=BOOL), ("blocked",),
    (403, 404), tag="taxonomy", params=(tag_p,))}
for kind, item, field, single, limit in (("genres", "Genre", "genreIds", "genreId", 5), ("tags", "Tag", "tags", "tag", 30),
                                         ("warnings", "ContentWarning", "warningIds", "warningId", 20)):
    base_path = "/api/v1/series/{seriesId}/" + kind
    body = S(**{field: ARR(STR)}, **({"primaryGenreId": STR} if kind == "genres" else {}))
    authoring[base_path] = {
        "get": op("The series' " + kind, 200, lst(REF(item)), errors=A_ERR, auth="any", tag="taxonomy", params=(series_p,)),
        "put": op("Replace the series' " + kind + " (at most " + str(limit) + ")", 200, lst(REF(item)), body, (field,), A_ERR,
            auth="any", tag="taxonomy", params=(series_p,)),
        "post": op("Add one", 200, lst(REF(item)), S(**{single: STR}), (single,), A_ERR, auth="any", tag="taxonomy", params=(series_p,))}
    authoring[base_path + "/{itemId}"] = {"delete": op("Remove one", 200, lst(REF(item)), errors=A_ERR, auth="any", tag="taxonomy",
        params=(series_p, path_param("itemId")))}

# pages: declared in sites/PageRoutes.java

authoring["/api/v1/series/{seriesId}/duplicate"] = {"post": op("A DRAFT copy with its genres, tags, warnings and chapters (as drafts)",
    201, series, errors=A_ERR, auth="any", tag="series", params=(series_p,))}
for view, schema, body, summary in (
        ("settings", "SeriesSettings", S(contentType=STR, contentRating=STR, language=STR, extra={"type": "object"}, baseRevision=INT), "Type, rating, language and extra settings"),
        ("paywall", "SeriesPaywall", S(defaultAccessLevel=STR, earlyAccessDays=INT, previewParagraphs=INT, paywallMessage=STR, baseRevision=INT),
         "Default access level, early-access days, preview paragraphs, paywall message"),
        ("schedule", "SeriesSchedule", S(updateSchedule=STR, updateDays=ARR({"enum": ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY",
         "SATURDAY", "SUNDAY"]}), timezone=STR, baseRevision=INT), "The announced update schedule (PATCH replaces it)")):
    authoring["/api/v1/series/{seriesId}/" + view] = {
        "get": op(summary, 200, REF(schema), errors=A_ERR, auth="any", tag="series", params=(series_p,)),
        "patch": op("Change: " + summary.lower(), 200, REF(schema), body, (), A_ERR + (412,), auth="any", tag="series", params=(series_p, ifmatch))}
authoring["/api/v1/sites/{siteId}/series/by-slug/{slug}"] = {"get": op("A published series by slug (metadata)", 200, REF("PublicSeries"),
    errors=(404,), auth=None, tag="series", params=(site_p, {"name": "slug", "in": "path", "required": True, "schema": STR}))}
authoring["/api/v1/series/{seriesId}/public"] = {"get": op("A published series (metadata)", 200, REF("PublicSeries"), errors=(404,),
    auth=None, tag="series", params=(series_p,))}

read_hdr = {"description": "Not modified: your If-None-Match is current"}
def read_op(summary, schema, params):
    o = op(summary, 200, schema, errors=(404,), auth=None, tag="reading", params=params + (
        {"name": "If-None-Match", "in": "header", "required": False, "schema": STR},))
    o["security"] = [{}, {"bearerAuth": []}, {"apiKey": []}]
    o["responses"]["304"] = read_hdr
    return o
authoring["/api/v1/series/{seriesId}/chapters/public"] = {"get": read_op(
    "Table of contents of a published series, with `locked` for this caller", S(seriesId=STR, data=ARR(REF("TocEntry")),
    nextCursor=ONE_PAGE_CURSOR), (series_p,))}
authoring["/api/v1/chapters/{chapterId}/public"] = {"get": read_op("A published chapter's metadata, with `locked` for this caller",
    REF("ChapterInfo"), (chapter_p,))}
authoring["/api/v1/chapters/{chapterId}/read"] = {"get": read_op(
    "The chapter for this caller: contentHtml when entitled, else locked=true with previewHtml (the first N paragraphs, never more than half the chapter) and the paywall",
    REF("ChapterRead"), (chapter_p,))}

def feed_op(summary, params, media):
    o = op(summary, 200, errors=(404,), auth=None, tag="reading", params=params)
    o["responses"]["200"] = {"description": "The document", "content": {m: {"schema": {"type": "string"}} for m in media}}
    o["responses"]["304"] = read_hdr
    return o
fmt_q = query("format", {"enum": ["rss", "atom"]}, "rss (default) or atom")
authoring["/api/v1/sites/{siteId}/feed.xml"] = {"get": feed_op("RSS 2.0 (or Atom) feed of the site's newest chapters; locked ones are announced, never quoted",
    (site_p, fmt_q), ("application/rss+xml", "application/atom+xml"))}
authoring["/api/v1/series/{seriesId}/feed.xml"] = {"get": feed_op("RSS 2.0 (or Atom) feed of the series' newest chapters", (series_p, fmt_q),
    ("application/rss+xml", "application/atom+xml"))}
authoring["/api/v1/sites/{siteId}/sitemap.xml"] = {"get": feed_op("The site's sitemap", (site_p,), ("application/xml",))}

listing_params = (query("genre", STR, "genre slug or id"), query("tag", STR, "tag slug"),
                  query("status", {"enum": ["ONGOING", "HIATUS", "COMPLETED", "CANCELLED"]}, "series status"),
                  query("contentType", STR, "WEB_NOVEL, WEBTOON, MANGA, MANHWA or WESTERN_COMIC"), query("language", STR, "two letters"),
                  query("sort", {"enum": ["latest", "popular", "title"]}, "latest (default), popular (most chapter reads) or title"),
                  query("cursor", STR, "from nextCursor"), query("limit", INT, "1–100, default 20"))
listing_page = S(data=ARR(REF("ListedSeries")), nextCursor={"type": ["string", "null"]})
authoring["/api/v1/sites/{siteId}/series/public"] = {"get": op("Published series of an active public site, filtered, sorted, keyset-paged",
    200, listing_page, errors=(400, 422), auth=None, tag="reading", params=(site_p,) + listing_params)}
authoring["/api/v1/genres/{genreId}/series"] = {"get": op("Published series of a genre across public sites", 200, listing_page,
    errors=(400, 422), auth=None, tag="reading", params=(genre_p,) + listing_params[1:])}
authoring["/api/v1/tags/{tagSlug}/series"] = {"get": op("Published series with a tag across public sites", 200, listing_page,
    errors=(400, 422), auth=None, tag="reading", params=(tag_p, listing_params[0]) + listing_params[2:])}

authoring_schemas = {
    "Site": S(id=STR, ownerId=STR, slug=STR, name=STR, tagline=STR, description=STR, customDomain=STR, status=STR, isPublic=BOOL,
              revision=INT, yourRole={"enum": ["OWNER", "ADMIN", "EDITOR", "WRITER", "VIEWER", None]}, createdAt=STR, updatedAt=STR, deletedAt=STR),
    "SiteSettings": S(commentsEnabled=BOOL, commentsModerationMode=STR, defaultContentRating=STR, isPublic=BOOL, extra={"type": "object"}, revision=INT),
    "PublicSite": S(id=STR, slug=STR, name=STR, tagline=STR, description=STR, customDomain=STR, defaultContentRating=STR, commentsEnabled=BOOL),
    "Series": S(id=STR, siteId=STR, authorId=STR, slug=STR, title=STR, synopsis=STR, contentType=STR, contentRating=STR,
                scheduledAction={"enum": ["publish", "unpublish", "complete", "hiatus", "resume", None]}, scheduledActionAt=STR,
                status={"enum": ["DRAFT", "ONGOING", "HIATUS", "COMPLETED", "CANCELLED"]}, language=STR, defaultAccessLevel=STR,
                earlyAccessDays=INT, previewParagraphs=INT, paywallMessage=STR, lastPublishedAt=STR, completedAt=STR, revision=INT,
                createdAt=STR, updatedAt=STR, deletedAt=STR),
    "Chapter": S(id=STR, seriesId=STR, siteId=STR, authorId=STR, slug=STR, chapterNumber={"type": "number"}, volumeNumber=INT, order=INT,
                 title=STR, wordCount=INT, readingMinutes=INT, status={"enum": ["DRAFT", "SCHEDULED", "PUBLISHED", "ARCHIVED"]},
                 scheduledAt=STR, scheduleTimezone=STR, publishedAt=STR,
                 accessLevel={"enum": ["FREE", "SUBSCRIBERS", "SPECIFIC_TIER", "SCHEDULED_FREE"]}, minimumTierId=STR, scheduledFreeAt=STR,
                 previewParagraphs=INT, paywallMessage=STR, authorNotePosition=STR, currentVersion=INT, revision=INT,
                 createdAt=STR, updatedAt=STR, deletedAt=STR),
    "ChapterContent": S(id=STR, title=STR, content=STR, contentHtml=STR, authorNote=STR, authorNoteHtml=STR, authorNotePosition=STR,
                        wordCount=INT, readingMinutes=INT, currentVersion=INT, revision=INT),
    "Autosave": S(chapterId=STR, title=STR, content=STR, authorNote=STR, baseRevision=INT, currentRevision=INT, stale=BOOL, savedAt=STR),
    "VersionSummary": S(versionNumber=INT, title=STR, wordCount=INT, changeNote=STR, changedBy=S(id=STR, displayName=STR),
                        diffStats=S(wordsAdded=INT, wordsRemoved=INT, linesAdded=INT, linesRemoved=INT), createdAt=STR),
    "Version": {"allOf": [REF("VersionSummary"), S(content=STR, authorNote=STR)]},
    "Collaborator": S(id=STR, status={"enum": ["active", "pending"]}, userId=STR, username=STR, displayName=STR, email=STR,
                      role={"enum": ["EDITOR", "WRITER", "VIEWER"]}, permissions={"type": "object"}, acceptedAt=STR, invitedAt=STR,
                      expiresAt=STR),
    "Invitation": S(id=STR, status=STR, email=STR, role=STR, permissions={"type": "object"}, invitedAt=STR, expiresAt=STR,
                    siteId=STR, siteName=STR, siteSlug=STR, invitedBy=STR),
    "Genre": S(id=STR, slug=STR, name=STR, description=STR, parentId=STR, isFeatured=BOOL, isPrimary=BOOL),
    "Tag": S(id=STR, slug=STR, name=STR, usageCount=INT, isBlocked=BOOL),
    "ContentWarning": S(id=STR, slug=STR, name=STR, description=STR, severity={"enum": ["MILD", "MODERATE", "SEVERE"]}),
    "SeriesSettings": S(contentType=STR, contentRating=STR, language=STR, extra={"type": "object"}, revision=INT),
    "SeriesPaywall": S(defaultAccessLevel=STR, earlyAccessDays=INT, previewParagraphs=INT, paywallMessage=STR, revision=INT),
    "SeriesSchedule": S(updateSchedule=STR, updateDays=ARR(STR), timezone=STR, revision=INT),
    "PublicSeries": S(id=STR, siteId=STR, authorId=STR, slug=STR, title=STR, synopsis=STR, contentType=STR, contentRating=STR,
                      status=STR, language=STR, earlyAccessDays=INT, previewParagraphs=INT, lastPublishedAt=STR, completedAt=STR, createdAt=STR),
    "ListedSeries": S(id=STR, siteId=STR, slug=STR, title=STR, synopsis=STR, contentType=STR, contentRating=STR, status=STR,
                      language=STR, lastPublishedAt=STR, viewCount=INT),
    "TocEntry": S(id=STR, chapterNumber={"type": "number"}, volumeNumber=INT, title=STR, slug=STR, publishedAt=STR, wordCount=INT,
                  readingMinutes=INT, accessLevel=STR, locked=BOOL),
    "ChapterInfo": S(id=STR, seriesId=STR, seriesTitle=STR, title=STR, slug=STR, chapterNumber={"type": "number"}, volumeNumber=INT,
                     publishedAt=STR, wordCount=INT, readingMinutes=INT, accessLevel=STR, locked=BOOL, previousId=STR, nextId=STR),
    "ChapterRead": {"allOf": [REF("ChapterInfo"), S(contentHtml=STR, authorNoteHtml=STR, authorNotePosition=STR, previewHtml=STR,
                     paywallMessage=STR, requiredAccess=S(level=STR, minimumTierId=STR, freeAt=STR))]},
    "Diff": S(**{"from": INT, "to": {"type": ["integer", "string"]}}, titleChanged=BOOL,
              stats=S(wordsAdded=INT, wordsRemoved=INT, linesAdded=INT, linesRemoved=INT), unifiedDiff=STR),
}

# public metadata answers carry a strong ETag over their bytes and honour If-None-Match (Responses.publicJson)
for path in ("/api/v1/sites/{siteId}/series/by-slug/{slug}", "/api/v1/series/{seriesId}/public",
             "/api/v1/sites/{siteId}/series/public", "/api/v1/genres/{genreId}/series", "/api/v1/tags/{tagSlug}/series",
             "/api/v1/genres", "/api/v1/genres/featured", "/api/v1/genres/{genreId}", "/api/v1/genres/{genreId}/children",
             "/api/v1/tags/{tagSlug}", "/api/v1/tags", "/api/v1/content-warnings"):
    get = authoring[path]["get"]
    get["responses"]["304"] = read_hdr
    get.setdefault("parameters", []).append({"name": "If-None-Match", "in": "header", "required": False, "schema": STR})

# --- webhooks in and out (issue 6); the outgoing event list is Deliveries.EVENT_TYPES
EVENT_TYPES = [t for t in re.findall(r'"([a-z_]+\.[a-z_]+)"', open(os.path.join(os.path.dirname(__file__), "..", "src", "main", "java",
    "io", "quire", "webhooks", "Deliveries.java")).read().split("EVENT_TYPES = List.of(")[1].split(");")[0])]
W = "/api/v1/webhooks"
received = S(received=BOOL, eventId=STR, duplicate=BOOL)
def inbound_op(summary, param, headers):
    o = op(summary, 200, received, errors=(400, 401, 404, 413, 503), auth=None, tag="webhooks",
           params=(path_param(param),) + tuple({"name": h, "in": "header", "required": False, "schema": STR} for h in headers))
    o["requestBody"] = {"required": True, "description": "the gateway's JSON event; verified over these exact bytes",
                        "content": {"application/json": {"schema": {"type": "object"}}}}
    return o
webhooks = {
    W + "/stripe/{authorPublicId}": {"post": inbound_op("Stripe events for an author (Stripe-Signature, 300 s tolerance)", "authorPublicId", ("Stripe-Signature",))},
    W + "/razorpay/{authorPublicId}": {"post": inbound_op("Razorpay events for an author (X-Razorpay-Signature over the body)", "authorPublicId",
                                                          ("X-Razorpay-Signature", "X-Razorpay-Event-Id"))},
    W + "/xendit/{authorPublicId}": {"post": inbound_op("Xendit callbacks for an author (x-callback-token)", "authorPublicId", ("x-callback-token",))},
    W + "/inbound/{sourceId}": {"post": inbound_op("Any sender signing with Standard Webhooks", "sourceId",
                                                   ("webhook-id", "webhook-timestamp", "webhook-signature"))},
    "/api/v1/payment-gateway/stripe/webhook-secret": {"post": op("Add a Stripe webhook signing secret (older ones stay valid 24 h)", 201,
        REF("GatewaySecretAdded"), S(secret=STR), ("secret",), (403,), tag="webhooks")},
    "/api/v1/payment-gateway/razorpay/webhook-secret": {"post": op("Add a Razorpay webhook secret (older ones stay valid 24 h)", 201,
        REF("GatewaySecretAdded"), S(secret=STR), ("secret",), (403,), tag="webhooks")},
    "/api/v1/payment-gateway/xendit/webhook-token": {"post": op("Add a Xendit callback token (older ones stay valid 24 h)", 201,
        REF("GatewaySecretAdded"), S(token=STR), ("token",), (403,), tag="webhooks")},
    "/api/v1/webhook-sources": {
        "get": op("Your Standard Webhooks sources (never their secrets)", 200, S(data=ARR(REF("WebhookSource")), nextCursor=STR), errors=(403,), tag="webhooks"),
        "post": op("Create a Standard Webhooks source; its secret is shown this once", 201, REF("WebhookSourceWithSecret"),
                   S(name=STR), ("name",), (403,), tag="webhooks")},
    "/api/v1/webhook-sources/{sourceId}/rotate-secret": {"post": op("A new secret for the source (the old one stays valid 24 h)", 200,
        S(id=STR, secret=STR, createdAt=STR, previousSecretsValidForHours=INT), errors=(403, 404), tag="webhooks", params=(path_param("sourceId"),))},
    "/api/v1/webhook-sources/{sourceId}": {"delete": op("Delete a source: its URL stops accepting events", 204, errors=(403, 404), tag="webhooks",
        params=(path_param("sourceId"),))},
    "/api/v1/admin/webhook-events": {"get": op("The inbox, newest first (admin)", 200, S(data=ARR(REF("WebhookEvent")), nextCursor=STR),
        errors=(400, 403, 422), tag="webhooks", params=(
            query("gateway", {"enum": ["stripe", "razorpay", "xendit", "standard"]}, "gateway"),
            query("status", {"enum": ["RECEIVED", "PROCESSED", "IGNORED", "SUPERSEDED", "FAILED", "DEAD_LETTER"]}, "status"),
            query("type", STR, "event type"), query("from", STR, "received at or after (ISO-8601)"),
            query("to", STR, "received before (ISO-8601)"), query("cursor", STR, "from nextCursor"), query("limit", INT, "1–100")))},
    "/api/v1/admin/webhook-events/{eventId}": {"get": op("One event with its payload and headers (admin)", 200,
        {"allOf": [REF("WebhookEvent"), S(payload={"type": "object"}, headers={"type": "object"})]}, errors=(403, 404), tag="webhooks",
        params=(path_param("eventId"),))},
    "/api/v1/admin/webhook-events/{eventId}/replay": {"post": op("Process the event again from the start (admin)", 202,
        S(id=STR, status=STR), errors=(403, 404), tag="webhooks", params=(path_param("eventId"),))},
    "/api/v1/admin/webhook-rejections": {"get": op("The newest refused webhook attempts (admin)", 200, S(data=ARR(S(
        at=STR, gateway=STR, pathId=STR, status=INT, code=STR)), nextCursor=STR), errors=(403,), tag="webhooks",
        params=(query("limit", INT, "1–100"),))},
}
WH = "/api/v1/webhooks/{webhookId}"
wh_p = path_param("webhookId")
endpoint_body = S(name=STR, description=STR, url=STR, events=ARR(STR), secret=STR, ordered=BOOL)
webhooks.update({
    "/api/v1/sites/{siteId}/webhooks": {
        "get": op("The site's webhook endpoints (never their secrets)", 200, S(data=ARR(REF("OutgoingWebhook")), nextCursor=STR),
                  errors=(403, 404), tag="webhooks", params=(path_param("siteId"),)),
        "post": op("Add an endpoint; its signing secret (whsec_…) is shown this once. Events: " + ", ".join(EVENT_TYPES)
                   + ", or wildcards such as chapter.* and *", 201, {"allOf": [REF("OutgoingWebhook"), S(secret=STR)]},
                   endpoint_body, ("name", "url", "events"), (403, 404), tag="webhooks", params=(path_param("siteId"),))},
    WH: {
        "get": op("One endpoint", 200, REF("OutgoingWebhook"), errors=(404,), tag="webhooks", params=(wh_p,)),
        "patch": op("Change an endpoint (isActive false pauses it)", 200, REF("OutgoingWebhook"),
                    S(name=STR, description=STR, url=STR, events=ARR(STR), isActive=BOOL, ordered=BOOL), (), (404,), tag="webhooks", params=(wh_p,)),
        "delete": op("Delete an endpoint; its pending deliveries are dropped", 204, errors=(404,), tag="webhooks", params=(wh_p,))},
    WH + "/test": {"post": op("Queue a webhook.test delivery now", 202, S(deliveryId=STR, status=STR), errors=(404,), tag="webhooks",
                              params=(wh_p,))},
    WH + "/rotate-secret": {"post": op("A new signing secret, shown once; the previous one also signs for 24 h", 200,
                                       S(id=STR, secret=STR, previousSecretValidForHours=INT), errors=(404,), tag="webhooks", params=(wh_p,))},
    WH + "/deliveries": {"get": op("Deliveries, newest first, each with its attempts", 200, S(data=ARR(REF("WebhookDelivery")), nextCursor=STR),
        errors=(400, 404, 422), tag="webhooks", params=(wh_p, query("success", BOOL, "true or false"), query("eventType", STR, "event type"),
                                                      query("cursor", STR, "from nextCursor"), query("limit", INT, "1–100")))},
    WH + "/deliveries/{deliveryId}/retry": {"post": op("Send a dead or waiting delivery again now", 202, S(id=STR, status=STR),
        errors=(404,), tag="webhooks", params=(wh_p, path_param("deliveryId")))},
})
webhook_schemas = {
    "OutgoingWebhook": S(id=STR, siteId=STR, name=STR, description=STR, url=STR, events=ARR(STR), ordered=BOOL, isActive=BOOL, disabledReason=STR,
                         failingSince=STR, successCount=INT,
                         failureCount=INT, consecutiveFails=INT, lastSuccessAt=STR, lastFailureAt=STR, createdAt=STR, updatedAt=STR),
    "WebhookDelivery": S(id=STR, eventType=STR, status={"enum": ["PENDING", "RETRYING", "SUCCEEDED", "DEAD"]}, success=BOOL, attempts=INT,
                         nextAttemptAt=STR, lastStatusCode=INT, lastError=STR, createdAt=STR, completedAt=STR,
                         attemptLog=ARR(S(attempt=INT, at=STR, statusCode=INT, responseTimeMs=INT, responseBody=STR, error=STR))),
    "GatewaySecretAdded": S(gateway=STR, createdAt=STR, webhookUrl=STR, previousSecretsValidForHours=INT),
    "WebhookSource": S(id=STR, name=STR, createdAt=STR, webhookUrl=STR),
    "WebhookSourceWithSecret": {"allOf": [REF("WebhookSource"), S(secret=STR)]},
    "WebhookEvent": S(id=STR, gateway=STR, authorId=STR, sourceId=STR, eventType=STR, gatewayEventId=STR, objectId=STR,
                      eventCreatedAt=STR, status={"enum": ["RECEIVED", "PROCESSED", "IGNORED", "SUPERSEDED", "FAILED", "DEAD_LETTER"]},
                      retryCount=INT, nextRetryAt=STR, lastError=STR, receivedAt=STR, processedAt=STR),
}


# ---- analytics: ingestion, ingest keys, reports
EVENT_TYPES_A = ["PAGE_VIEW", "CHAPTER_START", "CHAPTER_PROGRESS", "CHAPTER_COMPLETE", "SERIES_VIEW", "SUBSCRIPTION_VIEW",
                 "SUBSCRIPTION_START", "SUBSCRIPTION_CANCEL", "PAYMENT", "SIGNUP", "LOGIN", "SEARCH", "SHARE"]
UUIDS = {"type": "string", "format": "uuid"}
event_schema = S(eventId=dict(UUIDS, description="client id; a re-sent event with the same id is stored once"),
                 eventType={"enum": EVENT_TYPES_A}, siteId=UUIDS, seriesId=UUIDS,
                 chapterId=dict(UUIDS, description="required for CHAPTER_*; its series is filled in"),
                 timestamp={"description": "ISO-8601 with offset or epoch ms; clamped to [now − 7 days, now + 5 min]"},
                 sessionId=STR, anonymousId=STR, url=STR, path=STR, referrer=STR, utmSource=STR, utmMedium=STR, utmCampaign=STR,
                 utmTerm=STR, utmContent=STR, screenSize=STR,
                 percent={"type": "number", "minimum": 0, "maximum": 100, "description": "required for CHAPTER_PROGRESS"},
                 properties={"type": "object", "maxProperties": 30, "description": "scalar values, strings ≤ 2000 characters"},
                 userAgent=dict(STR, description="API-key collectors only: the reader's agent they relay"),
                 ip=dict(STR, description="API-key collectors only: the reader's address they relay (hashed, never stored)"))
event_schema["required"] = ["eventType"]
ingest_op = op("Ingest up to 500 events (≤ 1 MiB): a JSON array, an envelope {ingestKey, siteId, events} (sendBeacon, text/plain) "
               "or NDJSON. Credentials: the site's public ingest key (X-Quire-Key header, key query parameter or the envelope) "
               "or an API key with analytics:write (with siteId). Answers 202 once the accepted events are committed; "
               "bad events are listed by index and the rest kept; bot traffic is dropped and counted.", 202,
               S(accepted=INT, rejected=INT, dropped=INT, errors=ARR(S(index=INT, code=STR, message=STR))),
               errors=(400, 401, 403, 404, 413, 415, 422, 429, 503), auth=None, tag="analytics",
               params=({"name": "X-Quire-Key", "in": "header", "required": False, "schema": STR},
                       query("key", STR, "the public ingest key, for clients that cannot set headers"),
                       query("siteId", UUIDS, "the site (required for API keys not bound to one)")))
ingest_op["security"] = [{}, {"apiKey": []}]
ingest_op["requestBody"] = {"required": True, "content": {
    "application/json": {"schema": {"oneOf": [ARR(event_schema), S(ingestKey=STR, siteId=UUIDS, events=ARR(event_schema))]}},
    "text/plain": {"schema": {"description": "the same JSON, as sendBeacon sends it"}},
    "application/x-ndjson": {"schema": {"description": "one event object per line"}}}}
ingest_op["responses"]["422"]["description"] = "The batch is empty, or no event in it is valid (eventErrors lists why)"
ingest_op["responses"]["429"]["description"] = "Over the site's or address's rate limit, or the ingest queue is full (Retry-After)"
site_p2 = path_param("siteId")
rng = (query("from", {"type": "string", "format": "date"}, "first day (default: 29 days before to)"),
       query("to", {"type": "string", "format": "date"}, "last day, inclusive (default: today); at most 366 days"),
       query("interval", {"enum": ["day", "week", "month"]}, "timeline buckets (default day)"),
       query("timezone", STR, "must be the site's reporting zone (settings.timezone, default UTC) if given"))
RANGE = S(**{"from": STR, "to": STR, "interval": STR, "timezone": STR})
figures = S(pageViews=INT, uniqueVisitors=INT, readers=INT, sessions=INT, bounceRate={"type": ["number", "null"]},
            avgSessionSeconds={"type": ["number", "null"]}, chapterStarts=INT, chapterCompletes=INT,
            completionRate={"type": ["number", "null"]}, avgReadPercent={"type": ["number", "null"]}, shares=INT,
            seriesViews=INT, subscriptionViews=INT, subscriptionStarts=INT)
timeline = ARR({"allOf": [figures, S(date=STR)]})
stages = ARR(S(stage={"enum": ["visitors", "readers", "subscriptionViews", "subscribers"]}, visitors=INT,
               conversionFromPrevious={"type": ["number", "null"]}, conversionFromStart={"type": ["number", "null"]}))
rep = lambda summary, schema, params=(site_p2,), extra=(): op(summary, 200, schema, errors=(403, 404, 422) + extra, auth="any",
                                                            tag="analytics", params=params + rng)
SA = "/api/v1/sites/{siteId}/analytics"
key_resp = S(siteId=STR, ingestKey=STR, previousKey=STR, previousKeyValidUntil=STR)
breakdown = ARR(S(name=STR, count=INT))
analytics = {
    "/api/v1/analytics/events": {"post": ingest_op},
    SA + "/ingest-key": {"get": op("The site's public ingest key (owner, editors)", 200, key_resp, errors=(403, 404), auth="any",
                                   tag="analytics", params=(site_p2,))},
    SA + "/ingest-key/rotate": {"post": op("A new ingest key; the previous one keeps working for analytics.keyGraceHours", 200,
                                           key_resp, errors=(403, 404), auth="any", tag="analytics", params=(site_p2,))},
    SA + "/overview": {"get": rep("KPIs for the range, the previous equal range and the change, with a timeline",
        S(range=RANGE, totals=figures, previous=figures, change={"type": "object"}, timeline=timeline))},
    SA + "/traffic": {"get": rep("Page views, visitors, sessions, bounce rate; referrers, UTM sources and campaigns, countries, devices, browsers, OS",
        S(range=RANGE, totals=figures, timeline=timeline, referrers=breakdown, utmSources=breakdown, utmCampaigns=breakdown,
          countries=breakdown, devices=breakdown, browsers=breakdown, os=breakdown))},
    SA + "/engagement": {"get": rep("Reading engagement: chapter starts and completes, completion rate, average read percent, shares",
        S(range=RANGE, totals=figures, timeline=timeline))},
    SA + "/content": {"get": rep("Top series and chapters by page views", S(range=RANGE, series=ARR({"type": "object"}),
        chapters=ARR({"type": "object"})), params=(site_p2, query("limit", INT, "1–100")))},
    SA + "/funnel": {"get": rep("Visitor → reader → saw subscribing → subscriber, each visitor at their furthest stage",
        S(range=RANGE, uniqueVisitors=INT, readers=INT, stages=stages))},
    SA + "/realtime": {"get": op("Active visitors (5 min), views per minute (30 min), top chapters now", 200,
        S(siteId=STR, activeVisitors=INT, viewsLast5Minutes=INT, viewsPerMinute=ARR(S(minute=STR, views=INT)),
          topChapters=ARR(S(chapterId=STR, views=INT))), errors=(403, 404), auth="any", tag="analytics", params=(site_p2,))},
    SA + "/export": {"post": op("Stream the site's daily rollups or raw events (no user ids) as CSV or JSON", 200,
        {"type": "array"}, S(format={"enum": ["csv", "json"]}, dataset={"enum": ["daily", "events"]},
                             **{"from": {"type": "string", "format": "date"}, "to": {"type": "string", "format": "date"}}),
        (), (403, 404), auth="any", tag="analytics", params=(site_p2,))},
    "/api/v1/series/{seriesId}/analytics": {"get": rep("A series' totals and timeline", S(seriesId=STR, range=RANGE, totals=figures,
        timeline=timeline), params=(path_param("seriesId"),))},
    "/api/v1/series/{seriesId}/analytics/chapters": {"get": rep("Every published chapter in reading order with its numbers",
        S(seriesId=STR, range=RANGE, chapters=ARR({"type": "object"})), params=(path_param("seriesId"),))},
    "/api/v1/series/{seriesId}/analytics/retention": {"get": rep("Readers who started chapter 1 in the range: the share reaching each "
        "chapter, and weekly cohorts with the share reading again k weeks later", S(seriesId=STR, range=RANGE, startedReaders=INT,
        chapters=ARR(S(position=INT, chapterId=STR, title=STR, readers=INT, share={"type": ["number", "null"]})),
        cohorts=ARR(S(weekStarting=STR, readers=INT, retention=ARR(S(week=INT, readers=INT, share={"type": ["number", "null"]}))))),
        params=(path_param("seriesId"),))},
    "/api/v1/series/{seriesId}/analytics/conversion": {"get": rep("The series' visitors → readers → subscription views → subscribers (site-wide)",
        S(seriesId=STR, range=RANGE, uniqueVisitors=INT, readers=INT, stages=stages), params=(path_param("seriesId"),))},
    "/api/v1/chapters/{chapterId}/analytics": {"get": rep("A chapter's totals and timeline (week/month visitors sum daily uniques)",
        S(chapterId=STR, range=RANGE, totals=figures, timeline=timeline), params=(path_param("chapterId"),))},
}


# ---- engagement: reading progress and bookmarks
progress = S(seriesId=STR, seriesTitle=STR, chapterId=STR, chapterTitle=STR, chapterNumber={"type": "number"},
             percent={"type": "number"}, updatedAt=STR, applied=dict(BOOL, description="false when a newer update was already stored"))
bookmark = S(id=STR, chapterId=STR, seriesId=STR, chapterTitle=STR, paragraph=INT, percent={"type": "number"}, note=STR, createdAt=STR)
ser_p = path_param("seriesId")
engagement = {
    "/api/v1/reading-progress": {"get": op("Continue reading: my series with progress, most recently read first", 200,
        S(data=ARR(progress), nextCursor=STR), errors=(400, 403, 422), tag="engagement",
        params=(query("cursor", STR, "from nextCursor"), query("limit", INT, "1–100")))},
    "/api/v1/reading-progress/{seriesId}": {
        "get": op("My place in a series", 200, progress, errors=(403, 404), tag="engagement", params=(ser_p,)),
        "post": op("Record my place: the newest device time (updatedAt) wins across devices; a clock more than 5 min ahead counts as now",
                   200, progress, S(chapterId=STR, percent={"type": "number", "minimum": 0, "maximum": 100}, updatedAt=STR),
                   ("chapterId", "percent"), (403, 404), tag="engagement", params=(ser_p,)),
        "delete": op("Forget my place in a series", 204, errors=(403,), tag="engagement", params=(ser_p,))},
    "/api/v1/bookmarks": {
        "get": op("My bookmarks, newest first", 200, S(data=ARR(bookmark), nextCursor=STR), errors=(400, 403, 422), tag="engagement",
                  params=(query("seriesId", STR, "only this series"), query("chapterId", STR, "only this chapter"),
                          query("cursor", STR, "from nextCursor"), query("limit", INT, "1–100"))),
        "post": op("Bookmark a place in a published chapter", 201, bookmark,
                   S(chapterId=STR, paragraph=INT, percent={"type": "number"}, note={"type": "string", "maxLength": 500}),
                   ("chapterId",), (403, 404), tag="engagement")},
    "/api/v1/bookmarks/{bookmarkId}": {"delete": op("Delete one of my bookmarks", 204, errors=(403, 404), tag="engagement",
                                                    params=(path_param("bookmarkId"),))},
}
COMMENT = S(id=STR, chapterId=STR, parentId=STR, depth=INT, status={"enum": ["VISIBLE", "PENDING", "HIDDEN", "DELETED"]},
            deleted=BOOL, author=S(id=STR, username=STR, displayName=STR), content=STR, contentHtml=STR, hasSpoiler=BOOL,
            isPinned=BOOL, isEdited=BOOL, editedAt=STR, replyCount=INT, reactionCount=INT, createdAt=STR,
            heldReason=dict(STR, description="moderators only: pre_moderation, links or duplicate"))
COMMENT_IN = S(content={"type": "string", "minLength": 1, "maxLength": 10000, "description": "Markdown-lite: emphasis, code, links, quotes, lists"},
               hasSpoiler=BOOL)
cm_p = path_param("commentId")
REVIEW = S(id=STR, seriesId=STR, author=S(id=STR, username=STR, displayName=STR), rating=INT, subRatings={"type": "object"},
           title=STR, content=STR, contentHtml=STR, hasSpoiler=BOOL, isHidden=BOOL, isEdited=BOOL, authorResponse=STR,
           authorRespondedAt=STR, helpfulCount=INT, unhelpfulCount=INT, createdAt=STR)
SUBS = {"type": "object", "description": "story, characters, writing, worldBuilding, updateStability: each 1–5",
        "additionalProperties": {"type": "integer", "minimum": 1, "maximum": 5}}
REVIEW_IN = S(rating={"type": "integer", "minimum": 1, "maximum": 5}, subRatings=SUBS, title=STR,
              content={"type": "string", "maxLength": 10000}, hasSpoiler=BOOL)
rv_p = path_param("reviewId")
RL = S(id=STR, ownerId=STR, name=STR, description=STR, isPublic=BOOL, itemCount=INT, followerCount=INT, createdAt=STR, updatedAt=STR)
RL_ITEMS = S(listId=STR, data=ARR(S(seriesId=STR, title=STR, slug=STR, position=INT, note=STR, addedAt=STR)))
rl_p = path_param("listId")
REPORT = S(id=STR, targetType={"enum": ["comment", "review", "chapter", "series", "user"]}, targetId=STR, reason=STR, description=STR,
           evidence=ARR(STR), status={"enum": ["PENDING", "UNDER_REVIEW", "RESOLVED_ACTION_TAKEN", "RESOLVED_NO_ACTION", "DISMISSED", "ESCALATED"]},
           resolution=STR, resolvedAt=STR, createdAt=STR,
           reporterId=dict(STR, description="moderators only"), priority=INT, siteId=STR, targetUserId=STR, resolutionNote=STR)
REPORT_IN = S(targetType={"enum": ["comment", "review", "chapter", "series", "user"]}, targetId=STR,
              reason={"enum": ["SPAM", "HARASSMENT", "HATE_SPEECH", "VIOLENCE_PROMOTION", "SEXUAL_CONTENT_UNTAGGED",
                               "COPYRIGHT_INFRINGEMENT", "MISINFORMATION", "DOXXING", "CSAM", "OTHER"]},
              description=STR, evidenceUrls=ARR(STR))
M_ACTIONS = ["NO_ACTION", "WARNING_ISSUED", "CONTENT_HIDDEN", "CONTENT_REMOVED", "USER_SUSPENDED_7_DAYS", "USER_SUSPENDED_30_DAYS",
             "USER_SUSPENDED_PERMANENT", "USER_BANNED", "ACCOUNT_DELETED"]
ACTION_IN = S(action={"enum": M_ACTIONS}, notes=STR)
REPORTS = S(data=ARR(REPORT), nextCursor=STR)
rp_p = path_param("reportId")
READER_SETTINGS = S(theme={"enum": ["light", "dark", "sepia"]}, fontFamily={"enum": ["serif", "sans", "mono"]},
                    fontSize={"type": "integer", "minimum": 10, "maximum": 40}, lineHeight={"type": "number", "minimum": 1, "maximum": 3},
                    textAlign={"enum": ["left", "justify"]}, showAuthorNotes=BOOL, hideSpoilers=BOOL)
R_TYPES = ["LIKE", "LOVE", "LAUGH", "WOW", "SAD", "ANGRY"]
R_SUMMARY = S(counts={"type": "object", "additionalProperties": INT}, total=INT, mine=ARR({"enum": R_TYPES}))
def reaction_ops(target, p):
    return {
        "get": op("Reaction counts per type (cached up to 2 s), and mine when signed in", 200, R_SUMMARY, errors=(403, 404), auth=None,
                  tag="engagement", params=(p,)),
        "post": op("React (one per type; 201 added, 200 already there); counts in the answer are fresh", 201,
                   {"allOf": [R_SUMMARY, S(added=BOOL, type=STR)]}, S(type={"enum": R_TYPES}), ("type",), (403, 404), tag="engagement", params=(p,)),
        "delete": op("Take a reaction back", 200, {"allOf": [R_SUMMARY, S(removed=BOOL)]}, errors=(403, 404, 422), tag="engagement",
                     params=(p, {"name": "type", "in": "query", "required": True, "schema": {"enum": R_TYPES}}))}
follow_settings = S(notifyNewSeries=BOOL, notifyNewChapters=BOOL, notifyAnnouncements=BOOL)
N_TYPES = ["NEW_CHAPTER", "COMMENT_REPLY", "REACTION_MILESTONE", "REVIEW_RESPONSE", "REPORT_OUTCOME", "PAYMENT", "SUBSCRIPTION"]
REF_N = S(id=STR, type={"enum": N_TYPES}, title=STR, body=STR, data={"type": "object"}, read=BOOL, readAt=STR, createdAt=STR)
N_SETTINGS = S(types={"type": "object", "additionalProperties": S(inApp=BOOL, email=BOOL)})
follow = {"allOf": [follow_settings, S(authorId=STR, following=BOOL, created=BOOL, followedAt=STR)]}
au_p = path_param("authorId")
AU = "/api/v1/authors/{authorId}"
engagement.update({
    AU + "/follow": {"post": op("Follow an author (201; 200 when already following). Writes follow.created, which the "
                                "author's sites' webhook endpoints may subscribe to", 201, follow, errors=(403, 404, 422),
                                tag="engagement", params=(au_p,))},
    AU + "/unfollow": {"post": op("Stop following (204 whether or not you did)", 204, errors=(403, 404), tag="engagement", params=(au_p,))},
    AU + "/follow-settings": {"patch": op("What you hear about from this author", 200, follow, follow_settings, (), (403, 404),
                                          tag="engagement", params=(au_p,))},
    AU + "/followers": {"get": op("The author's followers, newest first (the author and admins only)", 200,
        S(followerCount=INT, data=ARR(S(userId=STR, username=STR, displayName=STR, followedAt=STR)), nextCursor=STR),
        errors=(400, 403, 404, 422), auth="any", tag="engagement",
        params=(au_p, query("cursor", STR, "from nextCursor"), query("limit", INT, "1–100")))},
    "/api/v1/chapters/{chapterId}/comments": {
        "get": op("Top-level comments (newest, oldest or top), each with its first 3 replies; pinned ones lead the first page. "
                  "A locked chapter's comments are for readers entitled to it (403 comments.locked)", 200,
                  S(data=ARR(COMMENT), pinned=ARR(COMMENT), nextCursor=STR, commentsEnabled=BOOL, moderator=BOOL),
                  errors=(400, 403, 404, 422), auth=None, tag="engagement",
                  params=(path_param("chapterId"), query("sort", {"enum": ["newest", "oldest", "top"]}, "default newest"),
                          query("cursor", STR, "from nextCursor"), query("limit", INT, "1–100"))),
        "post": op("Comment on a chapter you may read. Held (PENDING) under pre-moderation, or when link-heavy or repeated", 201,
                   COMMENT, COMMENT_IN, ("content",), (403, 404), tag="engagement", params=(path_param("chapterId"),))},
    "/api/v1/comments/{commentId}": {
        "get": op("One comment", 200, COMMENT, errors=(403, 404), auth=None, tag="engagement", params=(cm_p,)),
        "patch": op("Edit your comment (marked edited after 15 minutes)", 200, COMMENT, COMMENT_IN, ("content",), (403, 404, 409),
                    tag="engagement", params=(cm_p,)),
        "delete": op("Delete your comment (moderators: any); one with replies stays as a tombstone", 204, errors=(403, 404),
                     tag="engagement", params=(cm_p,))},
    "/api/v1/comments/{commentId}/reply": {"post": op("Reply to a visible comment; its writer is notified", 201, COMMENT, COMMENT_IN,
        ("content",), (403, 404, 409), tag="engagement", params=(cm_p,))},
    "/api/v1/comments/{commentId}/replies": {"get": op("A comment's replies, oldest first", 200, S(data=ARR(COMMENT), nextCursor=STR),
        errors=(400, 403, 404, 422), auth=None, tag="engagement",
        params=(cm_p, query("cursor", STR, "from nextCursor"), query("limit", INT, "1–100")))},
    "/api/v1/reports": {"post": op("Report a comment, review, chapter, series or user (not your own; one open report per target)",
        201, REPORT, REPORT_IN, ("targetType", "targetId", "reason"), (403, 404, 409), tag="moderation")},
    "/api/v1/my/reports": {"get": op("My reports and their outcomes", 200, REPORTS, errors=(400, 403, 422), tag="moderation",
        params=(query("cursor", STR, "from nextCursor"), query("limit", INT, "1–100")))},
    "/api/v1/sites/{siteId}/reports": {"get": op("Reports on the site's content (owner, editors, admins)", 200, REPORTS,
        errors=(403, 404, 422), tag="moderation", params=(path_param("siteId"), query("status", STR, "one status"), query("limit", INT, "1–100")))},
    "/api/v1/sites/{siteId}/moderation/queue": {"get": op("The site's open reports, most urgent first", 200, REPORTS,
        errors=(403, 404, 422), tag="moderation", params=(path_param("siteId"), query("limit", INT, "1–100")))},
    "/api/v1/sites/{siteId}/moderation/{reportId}/action": {"post": op("Resolve a report on the site's content: NO_ACTION, "
        "WARNING_ISSUED, CONTENT_HIDDEN or CONTENT_REMOVED (comments, reviews); account actions are the admins' (403)", 200, REPORT,
        ACTION_IN, ("action",), (403, 404, 409), tag="moderation", params=(path_param("siteId"), rp_p))},
    "/api/v1/sites/{siteId}/moderation/{reportId}/escalate": {"post": op("Hand a report to the platform's admins", 200, REPORT,
        errors=(403, 404, 409), tag="moderation", params=(path_param("siteId"), rp_p))},
    "/api/v1/admin/reports": {"get": op("All reports, most urgent first (admin)", 200, REPORTS, errors=(403, 422), tag="moderation",
        params=(query("status", STR, "one status"), query("targetType", STR, "one target type"), query("limit", INT, "1–100")))},
    "/api/v1/admin/reports/{reportId}": {"get": op("One report (admin)", 200, REPORT, errors=(403, 404), tag="moderation", params=(rp_p,))},
    "/api/v1/admin/reports/{reportId}/action": {"post": op("Resolve with any action, including suspensions, bans and deletions "
        "(sessions end at once)", 200, REPORT, ACTION_IN, ("action",), (403, 404, 409), tag="moderation", params=(rp_p,))},
    "/api/v1/admin/moderation/log": {"get": op("Every moderation action with who, why and the content as it was (admin)", 200,
        S(data=ARR(S(id=STR, moderatorId=STR, moderatorUsername=STR, targetType=STR, targetId=STR, action=STR, reason=STR, notes=STR,
                     reportId=STR, contentSnapshot={"type": "object"}, createdAt=STR)), nextCursor=STR), errors=(403, 422), tag="moderation",
        params=(query("targetType", STR, "target type"), query("targetId", STR, "target id"), query("moderatorId", STR, "moderator"),
                query("action", STR, "action"), query("limit", INT, "1–100")))},
    "/api/v1/reading-lists": {
        "get": op("My reading lists", 200, S(data=ARR(RL), nextCursor=STR), errors=(403,), tag="engagement"),
        "post": op("Create a reading list (private unless isPublic)", 201, RL, S(name=STR, description=STR, isPublic=BOOL), ("name",),
                   (403,), tag="engagement")},
    "/api/v1/reading-lists/{listId}": {
        "get": op("A list: mine, or anyone's public one", 200, RL, errors=(404,), auth=None, tag="engagement", params=(rl_p,)),
        "patch": op("Change my list", 200, RL, S(name=STR, description=STR, isPublic=BOOL), (), (403, 404), tag="engagement", params=(rl_p,)),
        "delete": op("Delete my list", 204, errors=(403, 404), tag="engagement", params=(rl_p,))},
    "/api/v1/reading-lists/{listId}/items": {
        "get": op("The list's series in order, with notes", 200, RL_ITEMS, errors=(404,), auth=None, tag="engagement", params=(rl_p,)),
        "post": op("Add a published series at the end", 201, RL_ITEMS, S(seriesId=STR, note=STR), ("seriesId",), (403, 404, 409),
                   tag="engagement", params=(rl_p,)),
        "patch": op("Reorder ({order: [seriesId…]}: named first, the rest after) or set one item's note ({seriesId, note})", 200,
                    RL_ITEMS, S(order=ARR(STR), seriesId=STR, note=STR), (), (403, 404), tag="engagement", params=(rl_p,))},
    "/api/v1/reading-lists/{listId}/items/{seriesId}": {"delete": op("Take a series off the list", 204, errors=(403, 404),
        tag="engagement", params=(rl_p, path_param("seriesId")))},
    "/api/v1/reading-lists/{listId}/follow": {
        "post": op("Follow a public list (not your own)", 200, S(listId=STR, following=BOOL), errors=(403, 404, 422), tag="engagement", params=(rl_p,)),
        "delete": op("Stop following", 204, errors=(403,), tag="engagement", params=(rl_p,))},
    "/api/v1/reading-lists/{listId}/followers": {"get": op("Who follows my list", 200,
        S(data=ARR(S(userId=STR, username=STR, displayName=STR, followedAt=STR)), nextCursor=STR), errors=(403, 404), tag="engagement",
        params=(rl_p,))},
    "/api/v1/reader/settings": {
        "get": op("My reading settings, over the defaults", 200, READER_SETTINGS, errors=(403,), tag="engagement"),
        "patch": op("Change some reading settings", 200, READER_SETTINGS, READER_SETTINGS, (), (403,), tag="engagement")},
    "/api/v1/series/{seriesId}/reviews": {
        "get": op("Reviews, newest first, with the series' average rating and count", 200,
                  S(data=ARR(REVIEW), nextCursor=STR, ratingCount=INT, ratingAverage={"type": ["number", "null"]}),
                  errors=(400, 404, 422), auth=None, tag="engagement",
                  params=(path_param("seriesId"), query("cursor", STR, "from nextCursor"), query("limit", INT, "1–100"))),
        "post": op("Review a series you have read (reading progress recorded); one per reader", 201, REVIEW, REVIEW_IN,
                   ("rating", "content"), (403, 404, 409), tag="engagement", params=(path_param("seriesId"),))},
    "/api/v1/reviews/{reviewId}": {
        "get": op("One review", 200, REVIEW, errors=(404,), auth=None, tag="engagement", params=(rv_p,)),
        "patch": op("Edit your review", 200, REVIEW, REVIEW_IN, (), (403, 404), tag="engagement", params=(rv_p,)),
        "delete": op("Delete your review (moderators: any)", 204, errors=(403, 404), tag="engagement", params=(rv_p,))},
    "/api/v1/reviews/{reviewId}/respond": {"post": op("The series' author responds, once; the reviewer is notified", 200, REVIEW,
        S(content=STR), ("content",), (403, 404, 409), tag="engagement", params=(rv_p,))},
    "/api/v1/reviews/{reviewId}/hide": {"post": op("Hide (moderators); left out of the average", 200, REVIEW, errors=(403, 404),
        tag="engagement", params=(rv_p,))},
    "/api/v1/reviews/{reviewId}/unhide": {"post": op("Show again (moderators)", 200, REVIEW, errors=(403, 404), tag="engagement", params=(rv_p,))},
    "/api/v1/reviews/{reviewId}/vote": {
        "post": op("Vote helpful or not (one vote per reader, changeable; not on your own)", 200, REVIEW, S(helpful=BOOL), ("helpful",),
                   (403, 404), tag="engagement", params=(rv_p,)),
        "delete": op("Take your vote back", 200, REVIEW, errors=(403, 404), tag="engagement", params=(rv_p,))},
    "/api/v1/chapters/{chapterId}/reactions": reaction_ops("chapter", path_param("chapterId")),
    "/api/v1/comments/{commentId}/reactions": reaction_ops("comment", cm_p),
    "/api/v1/comments/{commentId}/hide": {"post": op("Hide a comment (moderators)", 200, COMMENT, errors=(403, 404, 409), tag="engagement", params=(cm_p,))},
    "/api/v1/comments/{commentId}/unhide": {"post": op("Show a hidden comment again, or approve a held one (moderators)", 200, COMMENT,
        errors=(403, 404, 409), tag="engagement", params=(cm_p,))},
    "/api/v1/comments/{commentId}/pin": {"post": op("Pin a top-level comment (moderators)", 200, COMMENT, errors=(403, 404, 409, 422),
        tag="engagement", params=(cm_p,))},
    "/api/v1/comments/{commentId}/unpin": {"post": op("Unpin (moderators)", 200, COMMENT, errors=(403, 404, 409, 422), tag="engagement", params=(cm_p,))},
    "/api/v1/notifications": {"get": op("My notifications, newest first (dismissed ones left out)", 200,
        S(data=ARR(REF_N), nextCursor=STR), errors=(400, 403, 422), tag="engagement",
        params=(query("status", {"enum": ["unread", "all"]}, "default all"), query("type", {"enum": N_TYPES}, "one type"),
                query("cursor", STR, "from nextCursor"), query("limit", INT, "1–100")))},
    "/api/v1/notifications/unread-count": {"get": op("How many are unread", 200, S(count=INT), errors=(403,), tag="engagement")},
    "/api/v1/notifications/read-all": {"patch": op("Mark all read", 200, S(marked=INT), errors=(403,), tag="engagement")},
    "/api/v1/notifications/{notificationId}/read": {"patch": op("Mark one read", 200, REF_N, errors=(403, 404), tag="engagement",
        params=(path_param("notificationId"),))},
    "/api/v1/notifications/{notificationId}": {"delete": op("Dismiss one (kept, no longer listed)", 204, errors=(403, 404),
        tag="engagement", params=(path_param("notificationId"),))},
    "/api/v1/notifications/unsubscribe": {"post": op("One-click unsubscribe from an email (RFC 8058; the link's signed token "
        "is the only credential): turns that type's email off, leaves the in-app choice", 200, S(unsubscribed=BOOL, type=STR),
        errors=(400,), auth=None, tag="engagement", params=(query("token", STR, "from the email's link"),))},
    "/api/v1/notifications/settings": {
        "get": op("Per type: in the app, by email (defaults: both on)", 200, N_SETTINGS, errors=(403,), tag="engagement"),
        "patch": op("Change some types' choices", 200, N_SETTINGS, N_SETTINGS, ("types",), (403,), tag="engagement")},
    "/api/v1/me/following": {"get": op("Authors I follow, newest first, with my settings", 200,
        S(data=ARR({"allOf": [follow_settings, S(authorId=STR, username=STR, displayName=STR, followedAt=STR)]}), nextCursor=STR),
        errors=(400, 403, 422), tag="engagement", params=(query("cursor", STR, "from nextCursor"), query("limit", INT, "1–100")))},
})


# ---- billing: subscription tiers (the rest of monetization arrives with its issue)
TIER_PUBLIC = S(id=STR, name=STR, slug=STR, description=STR, monthlyPrice=dict(INT, description="minor units (paise, cents)"),
                annualPrice=INT, currency=STR, billingCycles=ARR({"enum": ["MONTHLY", "ANNUAL"]}), benefits=ARR(STR),
                earlyAccessDays=INT, badgeText=STR, badgeColor=STR, isHighlighted=BOOL, highlightText=STR, isFree=BOOL, soldOut=BOOL,
                trialDays=dict(INT, description="free days for readers new to the site"))
TIER = {"allOf": [TIER_PUBLIC, S(siteId=STR, displayOrder=INT, isActive=BOOL, isPublic=BOOL, maxSubscribers=INT,
                                 currentSubscribers=INT, createdAt=STR, updatedAt=STR)]}
TIER_IN = S(name={"type": "string", "maxLength": 50}, description=STR, monthlyPrice=INT, annualPrice=INT,
            currency=dict(STR, description="ISO 4217"), billingCycles=ARR({"enum": ["MONTHLY", "ANNUAL"]}), benefits=ARR(STR),
            earlyAccessDays=INT, badgeText=STR, badgeColor=dict(STR, description="#RRGGBB"), isHighlighted=BOOL, highlightText=STR,
            isPublic=BOOL, maxSubscribers=INT, trialDays={"type": "integer", "minimum": 0, "maximum": 90})
t_p = path_param("tierId")
s_p = path_param("siteId")
GW_STATUS = S(gateway={"enum": ["stripe", "razorpay", "xendit"]}, connected=BOOL, keyId=STR, keyHint=dict(STR, description="…last 4"),
              accountId=STR, connectedAt=STR)
GW_OVERVIEW = S(defaultGateway={"enum": ["STRIPE", "RAZORPAY", "XENDIT", None]}, gateways=ARR(GW_STATUS))
CHECKOUT = S(sessionId=STR, url=STR, paymentId=STR, status=STR, type=STR, amount=INT, currency=STR, gateway=STR, subscriptionId=STR,
              chapterId=STR, expiresAt=STR)
CHECKOUT_SUB_IN = S(tierId=STR, billingCycle={"enum": ["MONTHLY", "ANNUAL"]}, gateway={"enum": ["stripe", "razorpay", "xendit"]},
                    successUrl=STR, cancelUrl=STR)
SUBSCRIPTION = S(id=STR, siteId=STR, siteName=STR, tierId=STR, tierName=STR, readerId=STR,
                 status={"enum": ["INCOMPLETE", "ACTIVE", "PAST_DUE", "CANCELLED", "EXPIRED", "PAUSED"]}, billingCycle=STR, price=INT, currency=STR,
                 gateway=STR, currentPeriodStart=STR, currentPeriodEnd=STR, autoRenew=BOOL, isGift=BOOL, isTrialing=BOOL, trialEndsAt=STR, cancelledAt=STR,
                 cancelReason=STR, expiresAt=STR, createdAt=STR)
PAYMENT = S(id=STR, type={"enum": ["SUBSCRIPTION", "ONE_TIME_PURCHASE", "TIP", "GIFT"]}, status=STR, readerId=STR, authorId=STR,
            siteId=STR, grossAmount=INT, gatewayFee=INT, platformFee=INT, netAmount=INT, currency=STR, refundedAmount=INT, gateway=STR,
            subscriptionId=STR, tierId=STR, chapterId=STR, seriesId=STR, giftId=STR, message=STR, checkoutSessionId=STR,
            gatewayPaymentId=STR, gatewayInvoiceId=STR, failureCode=STR, failureMessage=STR, refundStatus=STR, refundedAt=STR,
            disputeStatus=STR, disputeOutcome=STR, processedAt=STR, createdAt=STR)
PAYMENT_DETAIL = dict(PAYMENT, properties=dict(PAYMENT["properties"], events=ARR(S(type=STR, to=STR, gatewayEventId=STR,
                      metadata={"type": "object"}, at=STR))))
DISPUTE = S(paymentId=STR, status=STR, reason=STR, outcome=STR, openedAt=STR, resolvedAt=STR, evidence=ARR(STR))
sub_p = path_param("subscriptionId")
PAYOUT = S(id=STR, gateway=STR, gatewayPayoutId=STR, status={"enum": ["PENDING", "IN_TRANSIT", "PAID", "FAILED", "CANCELLED"]},
           amount=INT, fees=INT, currency=STR, arrivalDate=STR, reference=STR, failureCode=STR, failureMessage=STR, createdAt=STR,
           updatedAt=STR)
SUBSCRIBER = dict(SUBSCRIPTION, properties=dict(SUBSCRIPTION["properties"], username=STR, displayName=STR))
code_p = {"name": "claimCode", "in": "path", "required": True, "schema": STR}
GIFT = S(id=STR, siteId=STR, siteName=STR, tierId=STR, tierName=STR, months=INT, giverName=STR, message=STR,
         status={"enum": ["PENDING", "PAID", "DELIVERED", "CLAIMED", "EXPIRED", "REFUNDED"]}, deliveredAt=STR, claimedAt=STR,
         recipientEmail=STR, recipientName=STR, amount=INT, currency=STR, deliveryDate=STR)
pay_p = path_param("paymentId")
PAY_FILTERS = (query("siteId", STR, "one site"), query("seriesId", STR, "one series"),
               query("type", STR, "SUBSCRIPTION, ONE_TIME_PURCHASE, TIP or GIFT"), query("status", STR, "a payment status"),
               query("from", STR, "ISO-8601 time"), query("to", STR, "ISO-8601 time"), query("limit", INT, "1-100, default 20"),
               query("cursor", STR, "nextCursor of the previous page"))
billing = {
    "/api/v1/payment-gateway": {"get": op("My gateways and the default (secrets never shown)", 200, GW_OVERVIEW, errors=(403,), auth="any",
                                         tag="billing")},
    "/api/v1/payment-gateway/default": {"post": op("Choose the default gateway (it must be connected)", 200, GW_OVERVIEW,
        S(gateway={"enum": ["STRIPE", "RAZORPAY", "XENDIT"]}), ("gateway",), (403, 409), auth="any", tag="billing")},
    "/api/v1/sites/{siteId}/tiers": {
        "get": op("The site's tiers, in display order (owner, editors)", 200, S(data=ARR(TIER), nextCursor=STR), errors=(403, 404),
                  auth="any", tag="billing", params=(s_p,)),
        "post": op("Create a tier (active, last in order)", 201, TIER, TIER_IN, ("name", "monthlyPrice", "currency"), (403, 404),
                   auth="any", tag="billing", params=(s_p,))},
    "/api/v1/sites/{siteId}/tiers/public": {"get": op("The pricing page: active public tiers of a public site", 200,
        S(siteId=STR, data=ARR(TIER_PUBLIC)), errors=(404,), auth=None, tag="billing", params=(s_p,))},
    "/api/v1/sites/{siteId}/tiers/reorder": {"patch": op("Reorder: the named tiers first, the rest after in their order", 200,
        S(data=ARR(TIER), nextCursor=STR), S(order=ARR(STR)), ("order",), (403, 404), auth="any", tag="billing", params=(s_p,))},
    "/api/v1/tiers/{tierId}": {
        "get": op("One tier", 200, TIER, errors=(403, 404), auth="any", tag="billing", params=(t_p,)),
        "patch": op("Change a tier; what is not sent is kept", 200, TIER, TIER_IN, (), (403, 404), auth="any", tag="billing", params=(t_p,)),
        "delete": op("Delete a tier without subscribers (409 tier.has_subscribers: deactivate it instead)", 204, errors=(403, 404, 409),
                     auth="any", tag="billing", params=(t_p,))},
    "/api/v1/tiers/{tierId}/activate": {"post": op("Open to new subscribers", 200, TIER, errors=(403, 404), auth="any", tag="billing", params=(t_p,))},
    "/api/v1/tiers/{tierId}/deactivate": {"post": op("Close to new subscribers (current ones keep it)", 200, TIER, errors=(403, 404),
        auth="any", tag="billing", params=(t_p,))},
    **{"/api/v1/payment-gateway/" + g + "/connect": {"post": op("Store my " + g + " credentials (checked for shape; the secret "
        "encrypted at rest)", 200, GW_STATUS, S(secretKey=STR, keyId=dict(STR, description="Razorpay: required"), accountId=STR),
        ("secretKey",), (403,), auth="any", tag="billing")} for g in ("stripe", "razorpay", "xendit")},
    **{"/api/v1/payment-gateway/" + g + "/disconnect": {"post": op("Forget my " + g + " credentials (and the default, if it was)", 200,
        GW_STATUS, errors=(403,), auth="any", tag="billing")} for g in ("stripe", "razorpay", "xendit")},
    **{"/api/v1/payment-gateway/" + g + "/status": {"get": op("Whether " + g + " is connected", 200, GW_STATUS, errors=(403,),
        auth="any", tag="billing")} for g in ("stripe", "razorpay", "xendit")},
    "/api/v1/tiers/{tierId}/duplicate": {"post": op("Copy a tier (inactive, named … (copy))", 201, TIER, errors=(403, 404), auth="any",
        tag="billing", params=(t_p,))},
    "/api/v1/checkout/subscription": {"post": op("Open a subscription checkout: a PENDING payment, an INCOMPLETE subscription holding a "
        "seat, and the gateway's hosted page (409 tier.sold_out, subscription.exists, checkout.gateway_not_connected; 502/503 when the "
        "gateway refuses or is down)", 201, CHECKOUT, CHECKOUT_SUB_IN, ("tierId",), (404, 409, 502, 503), tag="billing")},
    "/api/v1/sites/{siteId}/subscribe": {"post": op("Subscribe to one of the site's tiers (a subscription checkout)", 201, CHECKOUT,
        CHECKOUT_SUB_IN, ("tierId",), (404, 409, 502, 503), tag="billing", params=(s_p,))},
    "/api/v1/checkout/purchase": {"post": op("Open a checkout for one chapter sold on its own (409 chapter.not_for_sale, "
        "chapter.already_unlocked)", 201, CHECKOUT, S(chapterId=STR, gateway=STR, successUrl=STR, cancelUrl=STR), ("chapterId",),
        (404, 409, 502, 503), tag="billing")},
    "/api/v1/chapters/{chapterId}/unlock": {"post": op("Buy this chapter (a purchase checkout); the body is optional", 201, CHECKOUT,
        errors=(404, 409, 502, 503), tag="billing", params=(path_param("chapterId"),))},
    "/api/v1/checkout/tip": {"post": op("Open a checkout for a tip to the site's author", 201, CHECKOUT,
        S(siteId=STR, amount=dict(INT, description="minor units"), currency=STR, message=STR, gateway=STR, successUrl=STR, cancelUrl=STR),
        ("siteId", "amount", "currency"), (404, 409, 502, 503), tag="billing")},
    "/api/v1/checkout/session/{sessionId}": {"get": op("My checkout's state, by the gateway's session id or the payment id (for polling)",
        200, dict(CHECKOUT, properties=dict(CHECKOUT["properties"], subscriptionStatus=STR)), errors=(404,), tag="billing",
        params=({"name": "sessionId", "in": "path", "required": True, "schema": STR},))},
    # /api/v1/my-subscriptions: declared in billing/subscriptions/MySubscriptionRoutes.java
    "/api/v1/payments": {"get": op("Payments I received, newest first (keyset cursor)", 200, S(data=ARR(PAYMENT), nextCursor=STR),
        errors=(400, 422), auth="any", tag="billing", params=PAY_FILTERS)},
    "/api/v1/sites/{siteId}/subscribers": {"get": op("The site's subscribers, newest first (owner, editors)", 200,
        S(data=ARR(SUBSCRIBER), nextCursor=STR), errors=(400, 403, 404, 422), auth="any", tag="billing",
        params=(s_p, query("status", STR, "a subscription status"), query("tierId", STR, "one tier"), query("limit", INT, "1-100, default 20"),
                query("cursor", STR, "nextCursor")))},
    "/api/v1/sites/{siteId}/subscribers/{subscriptionId}": {"get": op("One subscriber with their payments", 200,
        dict(SUBSCRIBER, properties=dict(SUBSCRIBER["properties"], payments=ARR(PAYMENT))), errors=(403, 404), auth="any", tag="billing",
        params=(s_p, sub_p))},
    "/api/v1/sites/{siteId}/subscribers/stats": {"get": op("Subscribers by status and tier, MRR, new and churned in 30 days", 200,
        S(siteId=STR, subscribers=INT, active=INT, pastDue=INT, cancelled=INT, paused=INT, expired=INT, new30d=INT, churned30d=INT,
          mrr=INT, currency=STR, byTier=ARR(S(tierId=STR, name=STR, subscribers=INT))), errors=(403, 404), auth="any", tag="billing",
        params=(s_p,))},
    "/api/v1/sites/{siteId}/subscribers/export": {"get": op("Subscribers as CSV", 200, STR, errors=(403, 404), auth="any", tag="billing",
        params=(s_p,))},
    "/api/v1/sites/{siteId}/subscribers/churn": {"get": op("The last 12 months: live at the start, new, ended, churn rate", 200,
        S(data=ARR(S(month=STR, atStart=INT, new=INT, churned=INT, churnRate={"type": "number"}))), errors=(403, 404), auth="any",
        tag="billing", params=(s_p,))},
    "/api/v1/payments/stats": {"get": op("Per currency: MRR, ARR, active subscribers, 30-day churn rate, ARPU, LTV (ARPU / churn), "
        "30-day gross, net and refunds, from the revenue rollups", 200, S(windowDays=INT, data=ARR(S(currency=STR, mrr=INT, arr=INT,
        activeSubscribers=INT, churnRate={"type": "number"}, arpu=INT, ltv=INT, gross30d=INT, net30d=INT, refunds30d=INT))),
        auth="any", tag="billing")},
    "/api/v1/payments/timeline": {"get": op("Revenue per day (snapshots) or month (summaries, with churnRate) between two dates", 200,
        S(interval=STR, to=STR, data=ARR(S(date=STR, currency=STR, subscriptionRevenue=INT, purchaseRevenue=INT, tipRevenue=INT,
          giftRevenue=INT, gross=INT, gatewayFees=INT, platformFees=INT, refunds=INT, net=INT, activeSubscribers=INT, newSubscribers=INT,
          churnedSubscribers=INT, mrr=INT, churnRate={"type": "number"}))), errors=(422,), auth="any", tag="billing",
        params=(query("from", STR, "YYYY-MM-DD, default 29 days before to"), query("to", STR, "YYYY-MM-DD, default today"),
                query("interval", STR, "day (default) or month")))},
    **{"/api/v1/tiers/{tierId}/sync/" + g: {"post": op("Create the tier's " + ("price" if g == "stripe" else "plan") + " at " + g
        + " for each billing cycle, at its current price (call again after a price change)" + (" — Xendit has none: 409 "
        "tier.sync_unsupported" if g == "xendit" else ""), 200, S(tierId=STR, gateway=STR, plans={"type": "object"}),
        errors=(403, 404, 409, 502, 503), auth="any", tag="billing", params=(t_p,))} for g in ("stripe", "razorpay", "xendit")},
    "/api/v1/payments/{paymentId}/dispute/mark": {"post": op("Admin: record a dispute's outcome (lost takes back what was bought)", 200,
        DISPUTE, S(outcome={"enum": ["won", "lost"]}), ("outcome",), (403, 404, 409), tag="billing", params=(pay_p,))},
    "/api/v1/sites/{siteId}/analytics/revenue": {"get": op("One site's money over a report range (analytics permission; the site's "
        "time zone; 422 analytics.invalid_range): per bucket and currency revenue by kind, fees and net; refunds; subscribers "
        "started, ended, live; MRR", 200,
        S(siteId=STR, range={"type": "object"}, totals={"type": "object", "additionalProperties": S(gross=INT, net=INT, refunds=INT)},
          timeline=ARR({"type": "object"}), subscribers=S(started=INT, ended=INT, live=INT, mrr=INT)), errors=(403, 404, 422),
        auth="any", tag="billing", params=(s_p, query("from", STR, "YYYY-MM-DD"), query("to", STR, "YYYY-MM-DD"),
                                           query("interval", STR, "day, week or month"),
                                           query("timezone", STR, "the site's zone (another is refused)")))},
    "/api/v1/payouts": {"get": op("My payouts as the gateways reported them, newest first", 200, S(data=ARR(PAYOUT), nextCursor=STR),
        errors=(400, 422), auth="any", tag="billing", params=(query("status", STR, "PENDING, IN_TRANSIT, PAID, FAILED or CANCELLED"),
                                                               query("limit", INT, "1-100, default 20"), query("cursor", STR, "nextCursor")))},
    "/api/v1/payouts/{payoutId}": {"get": op("One of my payouts", 200, PAYOUT, errors=(404,), auth="any", tag="billing",
        params=(path_param("payoutId"),))},
    "/api/v1/payouts/stats": {"get": op("Per currency: paid, on the way, fees, counts, last arrival", 200, S(data=ARR(S(currency=STR,
        paid=INT, onTheWay=INT, fees=INT, paidCount=INT, failedCount=INT, lastArrival=STR))), auth="any", tag="billing")},
    "/api/v1/payouts/export": {"get": op("My payouts as CSV", 200, STR, auth="any", tag="billing")},
    "/api/v1/payments/export": {"get": op("Payments I received as CSV, oldest first", 200, STR, errors=(422,), auth="any", tag="billing",
        params=(query("from", STR, "ISO-8601 time"), query("to", STR, "ISO-8601 time")))},
    "/api/v1/payments/{paymentId}": {"get": op("A payment I received, with its event history", 200, PAYMENT_DETAIL, errors=(404,),
        auth="any", tag="billing", params=(pay_p,))},
    "/api/v1/payments/{paymentId}/refund": {"post": op("Refund all (no amount) or part of a payment; the gateway is asked now and the "
        "refund recorded when its event arrives", 202, S(paymentId=STR, refundId=STR, amount=INT, refundStatus=STR),
        S(amount=INT, reason=STR), (), (404, 409, 502, 503), tag="billing", params=(pay_p,))},
    "/api/v1/payments/{paymentId}/refund-status": {"get": op("Where a refund stands", 200, S(paymentId=STR, refundStatus=STR,
        refundedAmount=INT, grossAmount=INT, status=STR, refundedAt=STR, refundId=STR), errors=(404,), auth="any", tag="billing",
        params=(pay_p,))},
    "/api/v1/payments/{paymentId}/dispute": {"get": op("The payment's dispute (404 dispute.not_found when none)", 200, DISPUTE,
        errors=(404,), auth="any", tag="billing", params=(pay_p,))},
    "/api/v1/payments/{paymentId}/dispute/evidence": {"post": op("Add evidence to an open dispute", 201, DISPUTE,
        S(text=STR, fileUrls=ARR(STR)), ("text",), (404, 409), tag="billing", params=(pay_p,))},
    "/api/v1/my/payments": {"get": op("What I paid, newest first", 200, S(data=ARR(PAYMENT), nextCursor=STR), errors=(400, 422),
        auth="any", tag="billing", params=PAY_FILTERS)},
    "/api/v1/my/payments/{paymentId}": {"get": op("One of my payments, with its history", 200, PAYMENT_DETAIL, errors=(404,), auth="any",
        tag="billing", params=(pay_p,))},
    # gifts: declared in billing/gifts/GiftRoutes.java
    "/api/v1/my/payments/{paymentId}/receipt": {"get": op("A plain-text receipt (409 payment.not_paid)", 200, STR, errors=(404, 409),
        auth="any", tag="billing", params=(pay_p,))},
}

# Response fields that are null by design when there is nothing to say (no cursor past the last page, no parent,
# no tagline, a tier without an annual price, a chapter not yet published...). Declared nullable wherever a response
# or a non-input component carries them; OpenApiCoverageTest holds the list to this.
NULLABLE = {"description", "nextCursor", "parentId", "tagline", "annualPrice", "bio", "avatarUrl", "synopsis",
            "publishedAt", "scheduledAt", "scheduledFreeAt", "volumeNumber", "previousId", "nextId", "minimumTierId",
            "paywallMessage", "customDomain", "expiresAt", "lastUsedAt", "cancelledAt", "trialEndsAt",
            "authorNoteHtml", "previewParagraphs", "deletedAt", "coverImageUrl", "freeAt", "price", "priceCurrency",
            # found null in real answers by the tests' conformance check (ResponseConformance) and the fuzz run
            "updateSchedule", "timezone", "currency", "penName", "websiteUrl", "accountId", "arrivalDate", "author", "authorNote", "authorRespondedAt", "authorResponse", "badgeColor", "badgeText", "body", "cancelReason", "changeNote", "chapterId", "checkoutSessionId", "claimedAt", "completedAt", "content", "contentHtml", "currentPeriodEnd", "currentPeriodStart", "disabledReason", "disputeOutcome", "disputeStatus", "editedAt", "error", "failingSince", "failureCode", "failureMessage", "fullBio", "gatewayEventId", "gatewayFee", "gatewayInvoiceId", "gatewayPaymentId", "giftId", "highlightText", "keyId", "lastError", "lastFailureAt", "lastPublishedAt", "lastStatusCode", "lastSuccessAt", "maxSubscribers", "message", "netAmount", "nextAttemptAt", "nextRetryAt", "note", "outcome", "paragraph", "percent", "platformFee", "previousKey", "previousKeyValidUntil", "processedAt", "readAt", "recipientName", "reference", "refundStatus", "refundedAt", "resolution", "resolutionNote", "resolvedAt", "responseBody", "scheduleTimezone", "scheduledActionAt", "seriesId", "siteId", "sourceId", "statusCode", "subscriptionId", "targetUserId", "tierId", "title"}

def nullable(schema):
    if "$ref" in schema:
        return {"anyOf": [schema, {"type": "null"}]}
    if "anyOf" in schema or "oneOf" in schema:
        alts = schema.get("anyOf") or schema.get("oneOf")
        return schema if {"type": "null"} in alts else dict(schema, **{("anyOf" if "anyOf" in schema else "oneOf"): alts + [{"type": "null"}]})
    t = schema.get("type")
    if t is None:
        return schema
    types = t if isinstance(t, list) else [t]
    return schema if "null" in types else dict(schema, type=types + ["null"])

def declare_nullable(node):
    if isinstance(node, dict):
        props = node.get("properties")
        if isinstance(props, dict):
            for k in list(props):
                if k in NULLABLE and isinstance(props[k], dict):
                    props[k] = nullable(props[k])
        for v in node.values():
            declare_nullable(v)
    elif isinstance(node, list):
        for v in node:
            declare_nullable(v)

# POSTs that answer 200 when the thing already exists (idempotent repeats) besides 201 when they create it
ALSO_200 = {"/api/v1/tags", "/api/v1/chapters/{chapterId}/reactions", "/api/v1/comments/{commentId}/reactions",
            "/api/v1/authors/{authorId}/follow"}

def finish(paths, sch):
    for path in ALSO_200 & set(paths):
        post = paths[path].get("post")
        if post and "201" in post["responses"] and "200" not in post["responses"]:
            post["responses"]["200"] = dict(post["responses"]["201"], description="Already there: the existing one")
    for ops in paths.values():
        for o in ops.values():
            if isinstance(o, dict):
                declare_nullable(o.get("responses", {}))
    for name, schema in sch.items():
        if not name.endswith("Input"):
            declare_nullable(schema)

out = os.path.join(os.path.dirname(__file__), "..", "src", "main", "resources", "openapi")
for name, paths, sch in (("identity.json", identity, schemas), ("apikeys.json", apikeys, key_schemas),
                         ("authoring.json", authoring, authoring_schemas), ("webhooks.json", webhooks, webhook_schemas),
                         ("analytics.json", analytics, {}), ("engagement.json", engagement, {}), ("billing.json", billing, {})):
    finish(paths, sch)
    with open(os.path.join(out, name), "w") as f:
        json.dump({"paths": paths, "components": {"schemas": sch}}, f, indent=1)
        f.write("\n")
