package io.quire.billing.gateway;

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
}
