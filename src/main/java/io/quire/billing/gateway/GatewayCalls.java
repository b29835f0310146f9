package io.quire.billing.gateway;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

/** What every adapter does with an answer: a 2xx JSON body, or a {@link GatewayException} saying refused or retryable. */
final class GatewayCalls {
    private GatewayCalls() {}

    static String base(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /**
     * @param messageField where the gateway puts its human message inside {@code error} (Stripe: message, Razorpay: description)
     */
    static Future<JsonObject> json(String gateway, Future<HttpResponse<Buffer>> sent, String messageField) {
        return json(gateway, sent, "error", "code", messageField);
    }

    /** @param errorObject the member holding the error, or null when the error fields are top level (Xendit) */
    static Future<JsonObject> json(
            String gateway,
            Future<HttpResponse<Buffer>> sent,
            String errorObject,
            String codeField,
            String messageField) {
        return sent.recover(e -> Future.failedFuture(
                        new GatewayException(gateway, false, 0, null, "unreachable: " + e.getMessage())))
                .compose(response -> {
                    JsonObject body;
                    try {
                        body = response.bodyAsJsonObject();
                    } catch (RuntimeException e) {
                        body = null;
                    }
                    if (response.statusCode() / 100 == 2 && body != null) {
                        return Future.succeededFuture(body);
                    }
                    JsonObject error = body == null
                            ? new JsonObject()
                            : errorObject == null ? body : body.getJsonObject(errorObject, new JsonObject());
                    // a 4xx is the gateway refusing (bad request, credentials, declined); a 429, a 5xx or no answer is
                    // worth retrying
                    boolean rejected =
                            response.statusCode() >= 400 && response.statusCode() < 500 && response.statusCode() != 429;
                    return Future.failedFuture(new GatewayException(
                            gateway,
                            rejected,
                            response.statusCode(),
                            error.getString(codeField),
                            error.getString(messageField, "HTTP " + response.statusCode())));
                });
    }
}
