package io.quire.testing;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy in front of PostgreSQL or Redis, so a test can take a dependency away from one app (close every
 * connection, refuse new ones) and give it back, without stopping the server other tests share.
 */
public final class TcpProxy implements AutoCloseable {
    private final Vertx vertx;
    private final int port;
    private final String targetHost;
    private final int targetPort;
    private final Set<NetSocket> sockets = ConcurrentHashMap.newKeySet();
    private NetServer server;
    private NetClient client;
    private boolean listening;
    private volatile boolean held;

    public TcpProxy(Vertx vertx, String targetHost, int targetPort) {
        this.vertx = vertx;
        this.port = FreePorts.next();
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    public int port() {
        return port;
    }

    /** Starts accepting and forwarding. */
    public TcpProxy up() throws Exception {
        held = false;
        client = vertx.createNetClient();
        server = vertx.createNetServer().connectHandler(this::forward);
        server.listen(port, "127.0.0.1").await(5, TimeUnit.SECONDS);
        listening = true;
        return this;
    }

    /** Closes every connection and stops listening: to the app, the dependency is gone. */
    public void down() throws Exception {
        listening = false;
        server.close().await(5, TimeUnit.SECONDS);
        for (NetSocket s : sockets) {
            s.close();
        }
        sockets.clear();
        client.close().await(5, TimeUnit.SECONDS);
    }

    /**
     * Stops passing bytes either way on the connections open now, without closing them: what the app sends stays
     * in flight, so a following {@link #down()} cuts requests in the middle. Connections made meanwhile are accepted
     * and held too.
     */
    public void hold() {
        held = true;
        for (NetSocket s : sockets) {
            s.pause();
        }
    }

    private void forward(NetSocket inbound) {
        inbound.pause();
        sockets.add(inbound);
        if (held) {
            return;
        }
        client.connect(targetPort, targetHost)
                .onSuccess(outbound -> {
                    sockets.add(outbound);
                    inbound.handler(outbound::write);
                    outbound.handler(inbound::write);
                    inbound.closeHandler(v -> outbound.close());
                    outbound.closeHandler(v -> inbound.close());
                    inbound.resume();
                })
                .onFailure(e -> inbound.close());
    }

    @Override
    public void close() throws Exception {
        if (listening) {
            down();
        }
    }
}
