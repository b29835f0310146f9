package io.quire.webhooks;

/**
 * What a client developer needs to know about webhooks beyond each endpoint: the {@code webhooks} tag's
 * description in {@code /openapi.json}, which {@code /docs} shows above its endpoints.
 */
public final class WebhookGuide {
    public static final String TAG = "webhooks";

    /** Markdown. */
    public static final String TEXT = """
        - **Incoming.** Gateways post to `/api/v1/webhooks/{stripe|razorpay|xendit}/:authorId`; any Standard Webhooks
          sender posts to `/api/v1/webhooks/inbound/:sourceId`. The HTTP verticle hands the raw bytes and headers to the
          webhooks verticle (`quire.webhooks.inbound`). The webhooks verticle checks the signature over those bytes:
          - Stripe `t=…,v1=…` and Standard Webhooks, each within `webhooks.toleranceSeconds`;
          - the Razorpay body HMAC;
          - the Xendit token.
          It writes the event to `webhook_events` with its processing job in one transaction, and only then answers 200.
        - **Refusals** are problems: no signature → 400 `webhook.signature_missing`; a bad one → 401
          `webhook.signature_invalid`; a stale one → 401 `webhook.timestamp_stale`; unknown author or source → 404;
          not the gateway's JSON → 400 `webhook.invalid_payload`; over `webhooks.maxBodyBytes` → 413. Each is counted
          (`quire_webhook_rejections_total`) and kept in a capped log (`GET /api/v1/admin/webhook-rejections`); none is
          stored as an event.
        - **Duplicates** (same gateway and event id) answer 200 with `duplicate: true` and are not processed again.
        - **Processing** runs after the answer, in the webhooks verticle's own job worker. A handler is registered per
          `gateway:type`. Unknown types are stored and marked IGNORED. Failures retry with backoff and end in
          DEAD_LETTER after `webhooks.maxAttempts`; `POST /api/v1/admin/webhook-events/:id/replay` runs an event again.
          The last applied event time is kept per gateway object (subscription, else customer, else the object). An
          older event arriving after a newer one is marked SUPERSEDED and never applied, so state cannot roll back.
        - **Outgoing.** Sites' endpoints live at `/api/v1/sites/:siteId/webhooks` and `/api/v1/webhooks/:id`, with
          `test`, `rotate-secret`, `deliveries` and `deliveries/:id/retry`. An endpoint subscribes to event types or
          wildcards (`chapter.*`, `*`); the list is in the API reference.
          - Fan-out happens in the outbox dispatcher's transaction: one delivery row and one `webhooks.deliver` job per
            matching active endpoint of the event's site. An event is never lost between the outbox and a delivery, and
            never fanned out twice.
          - The webhooks verticle sends each delivery the Standard Webhooks way: `{type, timestamp, data}` with
            `webhook-id` (stable across retries), `webhook-timestamp` and `webhook-signature`. There is one `v1,`
            signature per active secret; a rotated-out secret still signs for 24 h.
          - Before connecting, the target is resolved and checked: loopback, private, link-local (metadata), CGNAT and
            unique-local addresses are refused unless `webhooks.allowPrivateTargets`. The connection goes to the
            checked address, and redirects are not followed.
          - A 2xx is success. Anything else is tried again after each delay of `webhooks.retryScheduleSeconds` (±10%
            jitter), each retry a job at its time, so a restart loses nothing; then the delivery is DEAD. Every attempt
            is logged with its status, time, the first 2 KiB of the answer, and the error.
          - An endpoint gets at most `webhooks.perEndpointConcurrency` deliveries at once per process, so a hanging
            one cannot hold up the others. One that has failed without a success for `webhooks.disableAfterHours` is
            switched off (`disabledReason`), and its site's owner is mailed. Switching it back on clears the window.
          - An endpoint created or updated with `ordered: true` gets its events strictly in order: each delivery waits
            until every older one succeeded or died.
          - A body over 20 KiB is sent as a reference: the event's ids, with `truncated: true`.
        - **Secrets** are set with `POST /api/v1/payment-gateway/{stripe|razorpay}/webhook-secret`, `/xendit/webhook-token`
          and `/api/v1/webhook-sources` (the last generates a `whsec_` secret and shows it once). They are stored
          encrypted. Adding one leaves the older ones valid for 24 h, so a sender can rotate without losing events.
        """;

    private WebhookGuide() {}
}
