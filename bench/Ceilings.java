import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The machine's two ceilings for the read benchmark, as bare Vert.x servers with one verticle per core:
 * {@code memory <port> <bodyFile>} answers every request with the same bytes from memory;
 * {@code pg <port> <pgUri>} does one reactive query per request (the chapter named in the path, by primary key).
 * Run from the repository root: {@code java -cp target/quire.jar bench/Ceilings.java memory 18091 body.json}.
 */
public class Ceilings {
  public static void main(String[] args) throws Exception {
    String mode = args[0];
    int port = Integer.parseInt(args[1]);
    Vertx vertx = Vertx.vertx();
    int instances = Runtime.getRuntime().availableProcessors();
    if (mode.equals("memory")) {
      Buffer body = Buffer.buffer(Files.readAllBytes(Path.of(args[2])));
      vertx.deployVerticle(() -> new VerticleBase() {
        @Override
        public Future<?> start() {
          return vertx.createHttpServer().requestHandler(req -> req.response()
              .putHeader("content-type", "application/json").end(body)).listen(port, "127.0.0.1");
        }
      }, new DeploymentOptions().setInstances(instances)).await();
    } else {
      PgConnectOptions connect = PgConnectOptions.fromUri(args[2]).setCachePreparedStatements(true);
      vertx.deployVerticle(() -> new VerticleBase() {
        Pool pool;

        @Override
        public Future<?> start() {
          pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(8)).connectingTo(connect).using(vertx).build();
          return vertx.createHttpServer().requestHandler(req -> {
            String[] parts = req.path().split("/");
            pool.preparedQuery("SELECT content_html, title FROM chapters WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(parts[4])))
                .onSuccess(rows -> req.response().putHeader("content-type", "application/json")
                    .end(rows.iterator().next().getString("content_html")))
                .onFailure(e -> req.response().setStatusCode(500).end());
          }).listen(port, "127.0.0.1");
        }
      }, new DeploymentOptions().setInstances(instances)).await();
    }
    System.out.println("ceiling " + mode + " listening on " + port);
  }
}
