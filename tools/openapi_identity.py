#!/usr/bin/env python3
"""Writes src/main/resources/openapi/identity.json and apikeys.json from the route tables below.

Edit the tables, run `python3 tools/openapi_identity.py`, commit both outputs. OpenApiCoverageTest checks
that every mounted route is documented and every documented route mounted.
"""
import json, os

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
    409: "Conflict with current state", 415: "Body is not application/json", 422: "Invalid fields (see errors[])",
    423: "Account locked after repeated failed sign-ins; Retry-After says for how long",
    429: "Rate limited; Retry-After and RateLimit-* headers", 503: "A dependency is unavailable",
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
    for code in sorted(set(errors) | ({401} if auth in ("session", "any") else set()) | ({415, 422} if body else set())):
        o["responses"][str(code)] = {"description": ERR[code], "content": {"application/problem+json": {"schema": REF("Problem")}}}
    return o

path_param = lambda name: {"name": name, "in": "path", "required": True, "schema": {"type": "string", "format": "uuid"}}
query = lambda name, schema, desc: {"name": name, "in": "query", "required": False, "schema": schema, "description": desc}

tokens = REF("TokenResponse")
user = REF("User")
A = "/api/v1/auth"
identity = {
    A + "/register": {"post": op("Create an account; sends a verification email", 201, tokens,
        S(email=EMAIL, password=PW, username={"type": "string", "pattern": "^[a-z0-9_]{3,30}$"}, displayName=STR),
        ("email", "password", "username"), (409, 429), auth=None)},
    A + "/login": {"post": op("Sign in; with MFA on, answers {mfaRequired, mfaToken} instead of tokens", 200,
        {"oneOf": [tokens, REF("MfaRequired")]}, S(email=EMAIL, password=STR), ("email", "password"), (401, 403, 423, 429), auth=None)},
    A + "/mfa/challenge": {"post": op("Second sign-in step: a TOTP code or a backup code", 200, tokens,
        S(mfaToken=TOKEN, code=STR, backupCode=STR), ("mfaToken",), (401, 429), auth=None)},
    A + "/refresh": {"post": op("Rotate a refresh token; reusing an old one revokes the session", 200, tokens,
        S(refreshToken=TOKEN), ("refreshToken",), (401,), auth=None)},
    A + "/forgot-password": {"post": op("Request a reset email; always 202, whether or not the account exists", 202,
        S(message=STR), S(email=EMAIL), ("email",), (429,), auth=None)},
    A + "/reset-password": {"post": op("Set a new password with an emailed token (single use, 1 hour); ends all sessions", 200,
        S(message=STR), S(token=TOKEN, password=PW), ("token", "password"), (400, 429), auth=None)},
    A + "/verify-email": {"post": op("Confirm the email address with an emailed token", 200, S(user=user),
        S(token=TOKEN), ("token",), (400,), auth=None)},
    A + "/me": {"get": op("The current user, minimal", 200, S(id=STR, email=STR, username=STR, displayName=STR, role=STR,
        status=STR, emailVerified=BOOL, mfaEnabled=BOOL), auth="any")},
    A + "/logout": {"post": op("End this session", 204, errors=(403,))},
    A + "/logout-all": {"post": op("End every session; every access token stops working on every instance", 200,
        S(sessionsRevoked=INT), errors=(403,))},
    A + "/sessions": {"get": op("Active sessions (device, IP, last active, current flag)", 200,
        S(data=ARR(REF("Session")), nextCursor={"type": ["string", "null"]}), errors=(403,))},
    A + "/sessions/{sessionId}": {"delete": op("Revoke one of your sessions", 204, errors=(403, 404), params=(path_param("sessionId"),))},
    A + "/resend-verification": {"post": op("Send the verification email again", 202, S(message=STR), errors=(403, 409, 429))},
    A + "/change-password": {"post": op("Change the password; other sessions end, this one gets a new access token", 200,
        S(accessToken=STR, expiresIn=INT, tokenType=STR), S(currentPassword=STR, newPassword=PW),
        ("currentPassword", "newPassword"), (403,))},
    A + "/change-email": {"post": op("Ask to change the email; a token goes to the new address", 202, S(message=STR),
        S(newEmail=EMAIL, password=STR), ("newEmail", "password"), (403, 409))},
    A + "/verify-email-change": {"post": op("Confirm the new address with its token", 200, S(user=user), S(token=TOKEN),
        ("token",), (400, 403, 409))},
    A + "/mfa/enable": {"post": op("Start TOTP set-up: a secret and its otpauth:// URI (pending until verified)", 200,
        S(secret=STR, otpauthUri=STR, digits=INT, period=INT, algorithm=STR), errors=(403, 409))},
    A + "/mfa/verify": {"post": op("Confirm set-up with a code; turns MFA on and returns 10 backup codes once", 200,
        S(mfaEnabled=BOOL, backupCodes=ARR(STR)), S(code={"type": "string", "pattern": "^\\d{6}$"}), ("code",), (401, 403, 409))},
    A + "/mfa/disable": {"post": op("Turn MFA off (password and a code or backup code)", 200, S(mfaEnabled=BOOL),
        S(password=STR, code=STR, backupCode=STR), ("password",), (401, 403, 409))},
    A + "/mfa/backup-codes": {"get": op("How many backup codes are left", 200, S(remaining=INT, total=INT), errors=(403, 409))},
    A + "/mfa/regenerate-backup": {"post": op("Replace the backup codes (shown once)", 200, S(backupCodes=ARR(STR)),
        S(password=STR), ("password",), (403, 409))},
    "/api/v1/users/me": {
        "get": op("Your full profile with preferences", 200, user, auth="any", tag="users"),
        "patch": op("Update your profile (a sent null clears bio/avatarUrl)", 200, user,
            S(displayName=STR, bio={"type": ["string", "null"]}, avatarUrl={"type": ["string", "null"], "format": "uri"},
              timezone=STR, locale=STR), (), (403,), tag="users")},
    "/api/v1/users/me/preferences": {
        "get": op("Your preferences object", 200, {"type": "object"}, auth="any", tag="users"),
        "patch": op("Merge into your preferences (a key set to null is removed)", 200, {"type": "object"},
            {"type": "object", "maxProperties": 50}, (), (403,), tag="users")},
    "/api/v1/users/{username}": {"get": op("A public profile (no email)", 200, REF("PublicUser"), errors=(404,), auth=None,
        tag="users", params=({"name": "username", "in": "path", "required": True, "schema": STR},))},
    "/api/v1/author-profile": {
        "post": op("Become an author: creates your author profile, READER → AUTHOR", 201, REF("AuthorProfile"),
            REF("AuthorProfileInput"), (), (403, 409), tag="authors"),
        "get": op("Your author profile", 200, REF("AuthorProfile"), errors=(404,), auth="any", tag="authors"),
        "patch": op("Update your author profile", 200, REF("AuthorProfile"), REF("AuthorProfileInput"), (), (403, 404), tag="authors")},
    "/api/v1/authors/{userId}": {"get": op("An author's public profile", 200, REF("AuthorProfile"), errors=(404,), auth=None,
        tag="authors", params=(path_param("userId"),))},
    "/api/v1/admin/users": {"get": op("Users, filtered and keyset-paged (ADMIN+)", 200,
        S(data=ARR(user), nextCursor={"type": ["string", "null"]}), errors=(400, 403, 422), tag="admin",
        params=(query("status", STR, "PENDING_VERIFICATION, ACTIVE, SUSPENDED, BANNED or DELETED"),
                query("role", STR, "READER, AUTHOR, COLLABORATOR, ADMIN or SUPER_ADMIN"),
                query("email", STR, "email prefix"), query("cursor", STR, "from nextCursor"),
                query("limit", {"type": "integer", "minimum": 1, "maximum": 100}, "default 20")))},
    "/api/v1/admin/users/{userId}": {"patch": op("Change a user's role or status (reason kept in the history)", 200,
        REF("User"), S(role=STR, status=STR, reason=STR), (), (403, 404), tag="admin", params=(path_param("userId"),))},
}

K = "/api/v1/api-keys"
key = REF("ApiKey")
key_input = S(name=STR, scopes=ARR({"type": "string", "enum": sorted(["content:read", "content:write", "analytics:read",
    "analytics:write", "webhooks:read", "webhooks:write", "engagement:write", "billing:read"])}),
    siteId={"type": "string", "format": "uuid"}, allowedIps=ARR(STR), allowedOrigins=ARR(STR),
    rateLimitPerMinute=INT, expiresAt={"type": ["string", "null"], "format": "date-time"})
kid = path_param("apiKeyId")
apikeys = {
    K: {"get": op("Your API keys (never the secret)", 200, S(data=ARR(key), nextCursor={"type": ["string", "null"]}),
            errors=(403,), tag="api-keys"),
        "post": op("Create a key (AUTHOR+); the full key is in `key`, shown only now", 201, REF("ApiKeyWithSecret"),
            key_input, ("name", "scopes"), (403,), tag="api-keys")},
    K + "/{apiKeyId}": {
        "get": op("One of your keys", 200, key, errors=(403, 404), tag="api-keys", params=(kid,)),
        "patch": op("Change a key's name, scopes, allow-lists, limit or expiry", 200, key, key_input, (), (403, 404),
            tag="api-keys", params=(kid,)),
        "delete": op("Revoke a key", 204, errors=(403, 404), tag="api-keys", params=(kid,))},
    K + "/{apiKeyId}/regenerate": {"post": op("New secret for a key; the old one stops working", 200, REF("ApiKeyWithSecret"),
        errors=(403, 404), tag="api-keys", params=(kid,))},
    K + "/{apiKeyId}/usage": {"get": op("Requests per day over 30 days", 200,
        S(id=STR, lastUsedAt={"type": ["string", "null"]}, requestsLast30Days=INT, daily=ARR(S(date=STR, requests=INT))),
        errors=(403, 404), tag="api-keys", params=(kid,))},
}

user_props = dict(id=STR, email=STR, emailVerified=BOOL, username=STR, displayName=STR, bio={"type": ["string", "null"]},
    avatarUrl={"type": ["string", "null"]}, timezone=STR, locale=STR,
    role={"enum": ["READER", "AUTHOR", "COLLABORATOR", "ADMIN", "SUPER_ADMIN"]},
    status={"enum": ["PENDING_VERIFICATION", "ACTIVE", "SUSPENDED", "BANNED", "DELETED"]}, mfaEnabled=BOOL,
    lastLoginAt={"type": ["string", "null"], "format": "date-time"}, createdAt={"type": "string", "format": "date-time"})
schemas = {
    "User": S(**user_props),
    "PublicUser": S(id=STR, username=STR, displayName=STR, bio=STR, avatarUrl=STR, role=STR, createdAt=STR),
    "TokenResponse": S(user=REF("User"), accessToken=STR, refreshToken=STR, expiresIn=INT, tokenType={"const": "Bearer"}),
    "MfaRequired": S(mfaRequired={"const": True}, mfaToken=STR, expiresIn=INT),
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

out = os.path.join(os.path.dirname(__file__), "..", "src", "main", "resources", "openapi")
for name, paths, sch in (("identity.json", identity, schemas), ("apikeys.json", apikeys, key_schemas)):
    with open(os.path.join(out, name), "w") as f:
        json.dump({"paths": paths, "components": {"schemas": sch}}, f, indent=1)
        f.write("\n")
