package io.quire.billing.gateway;

import io.quire.platform.http.ApiException;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A gateway said no ({@code rejected}: bad request, bad credentials, declined) or could not be reached or failed on
 * its side ({@code !rejected}: worth retrying). {@code code} is the gateway's own error code when it gave one.
 */
public final class GatewayException extends RuntimeException {
    private final String gateway;
    private final boolean rejected;
    private final String code;
    private final int status;

    public GatewayException(String gateway, boolean rejected, int status, String code, String message) {
        super(gateway + ": " + message, null, false, false);
        this.gateway = gateway;
        this.rejected = rejected;
        this.status = status;
        this.code = code;
    }

    public String gateway() {
        return gateway;
    }

    public boolean rejected() {
        return rejected;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    /**
     * How a failed gateway call is answered: refused → 502 {@code <area>.gateway_rejected} with the gateway's message,
     * unreachable or failing on its side → 503 {@code <area>.gateway_unavailable}. Anything else passes through.
     */
    public static Throwable asProblem(Throwable e, String area) {
        if (!(e instanceof GatewayException g)) {
            return e;
        }
        return g.rejected()
                ? new ApiException.Relayed(
                        502,
                        area + ".gateway_rejected",
                        "The payment gateway refused: " + g.getMessage(),
                        List.of(),
                        new JsonObject())
                : new ApiException.Unavailable(
                        area + ".gateway_unavailable", "The payment gateway cannot be reached; try again.");
    }
}
