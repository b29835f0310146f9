package io.quire.billing.gateway;

import io.quire.platform.crypto.Encryptor;
import io.quire.platform.http.ApiException;
import io.quire.platform.inbox.PaymentGatewayIds;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * An author's gateway credentials (§8.2): stored with the secret encrypted, shown only as its last four characters,
 * and the default gateway, which must be connected.
 */
public final class GatewayConnections {
    private final Pool pool;
    private final Encryptor encryptor;

    /** One gateway's state for its author; never the secret. */
    public record Connection(
            String gateway,
            boolean connected,
            String keyId,
            String keyHint,
            String accountId,
            OffsetDateTime connectedAt) {
        static Connection none(String gateway) {
            return new Connection(gateway, false, null, null, null, null);
        }

        static Connection of(Row r) {
            return new Connection(
                    r.getString("gateway"),
                    true,
                    r.getString("key_id"),
                    r.getString("key_hint"),
                    r.getString("account_id"),
                    r.getOffsetDateTime("connected_at"));
        }

        public JsonObject json() {
            JsonObject out = new JsonObject().put("gateway", gateway).put("connected", connected);
            if (connected) {
                out.put("keyId", keyId)
                        .put("keyHint", keyHint)
                        .put("accountId", accountId)
                        .put("connectedAt", io.quire.platform.clock.Times.iso(connectedAt));
            }
            return out;
        }
    }

    /** Every gateway Quire knows, connected or not, and the chosen default (upper case, as the API writes it). */
    public record Overview(String defaultGateway, List<Connection> gateways) {
        public JsonObject json() {
            JsonArray list = new JsonArray();
            gateways.forEach(c -> list.add(c.json()));
            return new JsonObject()
                    .put("defaultGateway", defaultGateway == null ? null : defaultGateway.toUpperCase(Locale.ROOT))
                    .put("gateways", list);
        }
    }

    /** What an author sends to connect: the secret in clear (encrypted before it is stored). */
    public record Credentials(String secretKey, String keyId, String accountId) {}

    public GatewayConnections(Pool pool, Encryptor encryptor) {
        this.pool = pool;
        this.encryptor = encryptor;
    }

    public Future<Connection> connect(UUID author, String gateway, Credentials c) {
        String hint = "…" + c.secretKey().substring(c.secretKey().length() - 4);
        return pool.preparedQuery(GatewayConnectionSql.UPSERT)
                .execute(Tuple.of(author, gateway, c.keyId(), encryptor.encrypt(c.secretKey()), hint, c.accountId()))
                .compose(v -> status(author, gateway));
    }

    /** Forgets the credentials, and the default if it named this gateway. */
    public Future<Connection> disconnect(UUID author, String gateway) {
        return pool.withTransaction(tx -> tx.preparedQuery(GatewayConnectionSql.DISCONNECT)
                        .execute(Tuple.of(author, gateway))
                        .compose(v -> tx.preparedQuery(GatewayConnectionSql.CLEAR_DEFAULT)
                                .execute(Tuple.of(author, gateway))))
                .compose(v -> status(author, gateway));
    }

    public Future<Connection> status(UUID author, String gateway) {
        return connected(author)
                .map(all -> all.stream()
                        .filter(c -> c.gateway().equals(gateway))
                        .findFirst()
                        .orElse(Connection.none(gateway)));
    }

    public Future<Overview> overview(UUID author) {
        return Future.all(
                        connected(author),
                        pool.preparedQuery(GatewayConnectionSql.DEFAULT).execute(Tuple.of(author)))
                .map(all -> {
                    List<Connection> connected = all.resultAt(0);
                    List<Connection> gateways = new ArrayList<>();
                    for (String g : PaymentGatewayIds.ALL) {
                        gateways.add(connected.stream()
                                .filter(c -> c.gateway().equals(g))
                                .findFirst()
                                .orElse(Connection.none(g)));
                    }
                    RowSet<Row> defaults = all.resultAt(1);
                    String chosen = defaults.size() == 0
                            ? null
                            : defaults.iterator().next().getString("default_gateway");
                    return new Overview(chosen, gateways);
                });
    }

    /** Makes {@code gateway} (lower case) the default; 409 {@code gateway.not_connected} unless it is connected. */
    public Future<Overview> setDefault(UUID author, String gateway) {
        return status(author, gateway)
                .compose(c -> c.connected()
                        ? pool.preparedQuery(GatewayConnectionSql.SET_DEFAULT).execute(Tuple.of(author, gateway))
                        : Future.failedFuture(new ApiException.Conflict(
                                "gateway.not_connected",
                                "Connect " + gateway + " before making it the default.",
                                List.of())))
                .compose(v -> overview(author));
    }

    private Future<List<Connection>> connected(UUID author) {
        return pool.preparedQuery(GatewayConnectionSql.ALL)
                .execute(Tuple.of(author))
                .map(rows -> {
                    List<Connection> out = new ArrayList<>();
                    rows.forEach(r -> out.add(Connection.of(r)));
                    return out;
                });
    }
}
