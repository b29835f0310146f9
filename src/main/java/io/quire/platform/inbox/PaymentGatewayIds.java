package io.quire.platform.inbox;

import java.util.List;

/**
 * The payment gateways Quire speaks to, by the id that names them in paths ({@code /api/v1/webhooks/stripe/…}),
 * stored rows and configuration. The one list: billing (connections, checkouts, plan sync), the inbound webhook
 * routes and the rate classes all read it.
 */
public final class PaymentGatewayIds {
    public static final List<String> ALL = List.of("stripe", "razorpay", "xendit");

    private PaymentGatewayIds() {}
}
