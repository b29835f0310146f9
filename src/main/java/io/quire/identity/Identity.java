package io.quire.identity;

import io.quire.platform.auth.AccessTokens;
import io.quire.platform.auth.Revocations;
import io.quire.platform.config.QuireConfig;
import io.quire.platform.crypto.Encryptor;
import io.quire.platform.crypto.Passwords;
import io.quire.platform.jobs.JobHandler;
import io.quire.platform.jobs.JobQueue;
import io.quire.platform.mail.Mailer;
import io.quire.platform.ratelimit.RateLimiter;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;
import java.util.Map;

/** The identity feature assembled from a verticle's clients: its services, its routes and its jobs. */
public final class Identity {
    public final AccessTokens accessTokens;
    public final Revocations revocations;
    private final AuthService auth;
    private final AccountService account;
    private final MfaService mfa;
    private final ProfileService profiles;
    private final AdminUserService admin;
    private final AuthorRequests authorRequests;

    /** Account status changes with their history and session revocation (moderation suspends and bans through it). */
    public AdminUserService admin() {
        return admin;
    }

    private final RateLimiter limiter;
    private final QuireConfig config;

    public Identity(Vertx vertx, Pool pool, Redis redis, QuireConfig config, Passwords passwords) {
        this.config = config;
        this.limiter = new RateLimiter(redis, config);
        this.accessTokens = new AccessTokens(vertx, config.jwt());
        this.revocations = new Revocations(redis, config, SessionRepository.store(pool));
        UserRepository users = new UserRepository();
        SessionRepository sessions = new SessionRepository();
        SessionIssuer issuer =
                new SessionIssuer(sessions, accessTokens, config.auth().refreshTokenDays());
        PasswordPolicy policy = new PasswordPolicy(vertx);
        VerificationTokens tokens = new VerificationTokens();
        JobQueue jobs = new JobQueue(config.jobs());
        Mailer mailer = new Mailer(jobs);
        IdentityEmails emails = new IdentityEmails(config.publicBaseUrl());
        this.mfa = new MfaService(
                pool,
                config,
                users,
                new MfaStore(),
                new Encryptor(config.security().encryptionKey()),
                passwords);
        this.auth = new AuthService(
                pool, config, users, sessions, issuer, passwords, policy, revocations, tokens, mailer, emails, mfa);
        this.account =
                new AccountService(pool, config, users, passwords, policy, tokens, mailer, emails, jobs, auth, issuer);
        this.profiles =
                new ProfileService(pool, users, auth, issuer, config.auth().authorSignup());
        this.authorRequests = new AuthorRequests(pool);
        this.admin = new AdminUserService(pool, users, auth, revocations);
    }

    public void mount(io.quire.platform.api.Api api) {
        IdentityShapes.declare(api);
        new AuthRoutes(auth, account, mfa, limiter, config.auth().loginAttemptsPerIpPerMinute()).mount(api);
        new ProfileRoutes(profiles).mount(api);
        new AdminUserRoutes(admin).mount(api);
        new AuthorRequestRoutes(authorRequests).mount(api);
    }

    /** The jobs identity needs the workers verticle to run. */
    public Map<String, JobHandler> jobHandlers() {
        return Map.of(AccountService.PASSWORD_RESET_JOB, account::sendPasswordReset);
    }
}
