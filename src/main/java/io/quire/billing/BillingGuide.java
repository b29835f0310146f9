package io.quire.billing;

/**
 * What a client developer needs to know about billing beyond each endpoint: the {@code billing} tag's
 * description in {@code /openapi.json}, which {@code /docs} shows above its endpoints.
 */
public final class BillingGuide {
    public static final String TAG = "billing";

    /** Markdown. */
    public static final String TEXT = """
        Tiers, gateways, checkouts, a ledger driven by the gateways' webhooks, entitlements, reader subscriptions and
        payments, gifts, trials, revenue rollups, payouts.

        - **Tiers.** `GET|POST /api/v1/sites/:siteId/tiers`, `GET|PATCH|DELETE /tiers/:tierId`, `POST …/activate|deactivate|
          duplicate`, `PATCH /sites/:siteId/tiers/reorder`, and the public pricing list `GET /sites/:siteId/tiers/public`
          (active public tiers; `soldOut` when `maxSubscribers` is reached). Prices are integers in the currency's minor
          units with an ISO 4217 currency; an ANNUAL cycle needs an `annualPrice`. A tier anyone ever subscribed to cannot
          be deleted (409 `tier.has_subscribers`), only deactivated. `trialDays` (0–90) gives readers new to the site free
          days: the checkout charges nothing (Stripe `trial_period_days`, Razorpay `start_at`, Xendit `start_date`), and the
          subscription is ACTIVE and `isTrialing` until its first invoice is paid.
        - **Gateway credentials.** `POST /api/v1/payment-gateway/{stripe|razorpay|xendit}/connect {secretKey, keyId,
          accountId}` (checked for shape, the secret encrypted with `security.encryptionKey`, never returned: status shows
          its last four characters), `…/disconnect`, `…/status`, `GET /payment-gateway` and `POST /payment-gateway/default`
          (a connected gateway only). Webhook secrets have their own routes (Webhooks).
        - **Gateways** (`billing/gateway`): one `PaymentGateway` interface — hosted checkout for a subscription, purchase or
          tip; a plan for a tier; cancel now or at period end; resume; refund; fetch an object's state — with Stripe
          (Checkout Sessions, Prices, Subscriptions, Refunds; form-encoded, `Idempotency-Key`), Razorpay (Payment Links for
          purchases and tips, Plans and Subscriptions, Refunds; HTTP Basic) and Xendit (Invoices, Recurring Payments, stop,
          Refunds) adapters on the Vert.x WebClient, base URLs from `billing.*BaseUrl`. Each is tested against a local server
          speaking that subset.
        - **Checkout** (`billing/checkout`). `POST /checkout/subscription {tierId, billingCycle}` (also
          `POST /sites/:siteId/subscribe`), `POST /checkout/purchase {chapterId}` (also `POST /chapters/:chapterId/unlock`;
          a chapter is sold alone when its access settings carry a `price` and `priceCurrency`), `POST /checkout/tip
          {siteId, amount, currency, message}` → 201 `{sessionId, url, paymentId, subscriptionId, status: PENDING,
          expiresAt}`; `GET /checkout/session/:sessionId` for polling. One transaction records the PENDING payment and, for a
          subscription, an INCOMPLETE subscription that **holds a seat**: `UPDATE subscription_tiers SET current_subscribers
          = current_subscribers + 1 WHERE … current_subscribers < max_subscribers`, so concurrent checkouts can never
          oversell a capped tier (tested: 12 at once for 3 places → 3 × 201, 9 × 409 `tier.sold_out`). Then the author's
          gateway (the one asked for, else the default, else the only one) creates the hosted checkout; if it refuses
          (502 `checkout.gateway_rejected`) or cannot be reached (503 `checkout.gateway_unavailable`) the payment is FAILED
          and the seat given back. Razorpay needs a plan per tier and cycle: made on first use and kept in
          `subscription_tiers.gateway_plans`.
        - **The ledger** (`billing/ledger`, `billing/events`): gateway events arrive through the inbound webhook pipeline
          (verified, stored, acknowledged, then applied by the webhooks verticle) and are read by each gateway's handler into
          one set of transitions. Each change writes a `payment_events` row, an outbox event (`payment.succeeded|failed|
          refunded|disputed`, `subscription.created|updated|cancelled`: authors' webhooks and cache eviction) and the reader's
          notification (in-app `PAYMENT`/`SUBSCRIPTION`, and email for payments and cancellations). Order: the inbox orders
          events per gateway object (a session, an invoice, a subscription) and drops an older one; a subscription also keeps
          the gateway time of the event that last set its state (`state_at`), periods only move forward, refunded amounts
          only grow, and payments are keyed by invoice, so a late or repeated event never rolls state back or counts twice.
          Money: gross, the gateway's fee where the event carries it (Razorpay `fee`, Xendit `fees_paid_amount`), the
          platform fee (`billing.platformFeePercent`) and the net, all in minor units.
        - **Entitlements** (`reading/Entitlements`): a live subscription (ACTIVE or PAST_DUE until `billing.graceDays` past
          its period; CANCELLED until its period ends) opens SUBSCRIBERS chapters, SPECIFIC_TIER chapters of its tier or any
          tier ranked below it (by monthly price, then display order), and SCHEDULED_FREE chapters before their free time; a
          purchase opens its chapter. One query per reader and site, cached under `reader:<id>`; subscription and payment
          events evict it, so a reader who just paid reads within a second (tested through `/chapters/:id/read`).
        - **Readers.** `GET /my-subscriptions[?status]`, `GET /my-subscriptions/:id`, `…/invoices`, `POST …/cancel {reason,
          feedback}` (the gateway stops renewing; access lasts to `currentPeriodEnd`), `POST …/resume` (Stripe; 409
          `subscription.resume_unsupported` elsewhere), `POST …/pause {days}` (no collection and no access; within
          `billing.maxPauseDays` and `billing.maxPausesPerYear`; ends by itself through the expiry job), `POST …/unpause` (the
          paid time left is given back), `PATCH /my-subscriptions/:id {tierId, billingCycle}` (the new tier's seat first,
          then the gateway changes the price and prorates; a refusal undoes the move); `GET /my/payments`, `/my/payments/:id`, `/my/payments/:id/receipt`.
        - **Authors.** `GET /payments` (filters `siteId`, `seriesId`, `type`, `status`, `from`, `to`; keyset cursor),
          `GET /payments/:id` (with its history), `GET /payments/export` (CSV), `POST /payments/:id/refund {amount?, reason}`
          (asked of the gateway, recorded when its event arrives; a full refund takes back what was bought), `GET …/refund-status`,
          `GET …/dispute`, `POST …/dispute/evidence`, and for admins `POST …/dispute/mark {outcome}`. Another author's
          payment is a 404. `POST /tiers/:tierId/sync/{stripe|razorpay}` creates the tier's price/plan per cycle at the
          gateway (kept in `gateway_plans`; Xendit: 409 `tier.sync_unsupported`). Subscribers (owner, editors):
          `GET /sites/:siteId/subscribers[?status&tierId&cursor]`, `…/:subscriptionId` (with payments), `…/stats` (by status
          and tier, MRR, 30-day new and churned), `…/export` (CSV, names not addresses), `…/churn` (12 months).
        - **Gifts** (`billing/gifts`). `POST /sites/:siteId/gift {tierId, months, recipientEmail, message, deliveryDate}` is
          a one-time checkout for `months × monthlyPrice`; the gift gets a 128-bit random claim code. Once paid,
          `billing.deliver_gifts` (every minute) emails the code at the delivery date (the email and DELIVERED in one
          transaction). `GET /gifts/claim/:code` shows it; `POST` claims it once (a conditional update) and starts a
          non-renewing ACTIVE subscription for those months. `GET /my-gifts/given|received`.
        - **Revenue** (`billing/revenue`). `billing.revenue` (every 5 minutes) recomputes today's and yesterday's
          `author_revenue_snapshots` (per author, UTC day and currency: subscription/purchase/tip/gift revenue, gross,
          gateway and platform fees, refunds, net, active/new/churned subscribers, MRR) and this and last month's
          `author_revenue_summaries` (with churn rate = churned ÷ (active at the start + new)); each run replaces its rows, so
          repeating it changes nothing. `GET /payments/stats` (MRR, ARR, ARPU, LTV = ARPU ÷ churn, 30-day figures) and
          `GET /payments/timeline?from&to&interval=day|month` read them. Tested against hand-worked figures.
          `GET /sites/:siteId/analytics/revenue?from&to&interval` (an analytics report: same permission, range rules and
          site time zone) is one site's money from its payments; the series conversion report
          (`/series/:id/analytics/conversion`) adds `paidSubscriptions`: subscriptions started in the range by signed-in
          readers who had read the series.
        - **Payouts** (`billing/payouts`): what the gateways paid out to the author's bank, from their events (Stripe
          `payout.created|updated|paid|failed|canceled`, Razorpay `settlement.processed`), one row per payout that an older
          event never overwrites. `GET /payouts[?status]`, `/payouts/:id`, `/payouts/stats`, `/payouts/export`.
        - **Expiry** (`billing.expire`, every minute on the workers): open checkouts past `billing.checkoutExpiryMinutes`
          become EXPIRED and give their seats back; CANCELLED subscriptions past their period, and ACTIVE/PAST_DUE ones past
          period + grace with no renewal, become EXPIRED; pauses whose days are up end; readers are emailed 3 days before a
          renewal (once per period) and before an end (once).
        """;

    private BillingGuide() {}
}
