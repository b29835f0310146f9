package io.quire.identity;

/**
 * What a client developer needs to know about identity and access beyond each endpoint: the {@code auth} tag's
 * description in {@code /openapi.json}, which {@code /docs} shows above its endpoints.
 */
public final class IdentityGuide {
    public static final String TAG = "auth";

    /** Markdown. */
    public static final String TEXT = """
        - **Tokens.** `register`, `login`, `mfa/challenge` and `refresh` answer `{user, accessToken, refreshToken, expiresIn}`.
          Access tokens are HS256 JWTs (vertx-auth-jwt), 15 minutes, carrying user id, role and session id, signed under
          `jwt.keyId`; keys listed in `jwt.previousKeys` still verify, so the secret can rotate without signing anyone
          out. Refresh tokens are 256 random bits, stored as SHA-256, rotated on every use with a 30-day sliding
          session; presenting an already-rotated one revokes the whole session (a stolen token was used).
        - **Revocation everywhere at once.** Logging out, revoking a session, logging out everywhere, changing or
          resetting the password, or an admin suspending or re-roling a user writes the change to PostgreSQL and a
          short-lived marker to Redis; every authenticated request checks the markers in one round trip. When Redis is
          down, or has restarted and lost its markers (it keeps nothing on disk; a sentinel key tells), the check asks
          PostgreSQL and the markers are rebuilt from it. Run Redis with `maxmemory-policy noeviction` (its default):
          an eviction policy could drop a marker while keeping the sentinel.
        - **Sign-in protection.** Wrong email and wrong password are the same 401 and cost the same Argon2id
          computation. Five failures in a row (wrong passwords or wrong MFA codes) lock the account for 15 minutes:
          **423** `auth.account_locked` with `Retry-After`. Login, register, MFA challenge, forgot- and reset-password
          are also limited per client IP in Redis: **429** `ratelimit.exceeded` with `Retry-After` and `RateLimit-*`.
        - **Passwords.** 10–256 characters and a zxcvbn-style strength estimate (nbvcxz) that also treats the
          account's email, username and name as guessable; hashed with Argon2id (Password4j) on a worker executor of
          one thread per core (`passwords.*`), never on an event loop.
        - **Emailed tokens** (verify email, reset password, change email) are random, stored hashed, single use and
          expire; issuing a new one kills the older one. `forgot-password` always answers the same 202 at the same
          speed: the lookup happens in a job after the answer. Every email is a row in `outbound_emails` plus a
          `mail.send` job written in the same transaction; the job sends it over SMTP (`mail.smtp.*`), or with no SMTP
          host marks it `logged` and logs recipient and subject (never the body, which carries the token).
        - **MFA.** TOTP (RFC 6238, 30 s, ±1 step) with the secret encrypted at rest (AES-GCM, `security.encryptionKey`);
          a code is accepted once per user; 10 single-use backup codes, stored hashed.
        - **Roles** READER < AUTHOR < COLLABORATOR < ADMIN < SUPER_ADMIN. Each endpoint says who may call it (in its description and `security`);
        API keys never manage accounts, keys or credentials. `bootstrapAdminEmail` names the first SUPER_ADMIN; only a
          SUPER_ADMIN grants or acts on admin roles. Everyone registers as a READER; `POST /api/v1/author-profile`
          (a pen name and the like) makes you an AUTHOR, who may create sites, and its answer carries an access token with
          the new role for the same session. A READER who tries an author's route is told so in the 403.
        - **API keys** (`/api/v1/api-keys`, AUTHOR+): `qk_<prefix>_<secret>`, shown once, stored hashed; scopes
          (`content:read|write`, `analytics:read|write`, `webhooks:read|write`, `engagement:write`, `billing:read`),
          optional site binding, expiry, IP/CIDR and origin allow-lists, a per-key rate limit and per-day usage. Send
          as `Authorization: Bearer qk_…` or `X-API-Key`.
        """;

    private IdentityGuide() {}
}
