import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The machine's two ceilings for the ingest benchmark. {@code parse <port>}: a bare Vert.x server (one verticle per
 * core) that parses each JSON batch and reads every event's type, writing nothing. {@code write <pgUri> <seconds>}:
 * reactive {@code INSERT … SELECT FROM unnest(…)} of 1,000-row batches, 4 in flight, into the real
 * {@code analytics_events} (same columns, partitions and dedupe index), no HTTP; prints rows/s.
 * Run from the repository root: {@code java -cp target/quire.jar bench/IngestCeilings.java parse 18094}.
 */
public class IngestCeilings {
  static final String INSERT = """
      INSERT INTO analytics_events (site_id, event_id, event_type, occurred_at, received_at, visitor_id, chapter_id,
        series_id, session_id, path, referrer_host, device_type, browser, os, percent)
      SELECT site_id, event_id, event_type, occurred_at, now(), visitor_id, chapter_id, series_id, session_id, path,
        referrer_host, device_type, browser, os, percent
        FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[], $5::uuid[], $6::uuid[], $7::uuid[], $8::text[],
          $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::smallint[])
          AS t(site_id, event_id, event_type, occurred_at, visitor_id, chapter_id, series_id, session_id, path, referrer_host,
            device_type, browser, os, percent)
      ON CONFLICT DO NOTHING
      """;

  public static void main(String[] args) throws Exception {
    Vertx vertx = Vertx.vertx();
    if (args[0].equals("parse")) {
      int port = Integer.parseInt(args[1]);
      vertx.deployVerticle(() -> new VerticleBase() {
        @Override
        public Future<?> start() {
          return vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            if (body.length() == 0) {
              req.response().setStatusCode(400).end();
              return;
            }
            JsonArray events = body.toJsonArray();
            int n = 0;
            for (Object e : events) {
              Object type = e instanceof java.util.Map<?, ?> m ? m.get("eventType") : ((JsonObject) e).getValue("eventType");
              if (type != null) {
                n++;
              }
            }
            req.response().setStatusCode(202).putHeader("content-type", "application/json")
                .end(new JsonObject().put("accepted", n).encode());
          })).listen(port, "127.0.0.1");
        }
      }, new DeploymentOptions().setInstances(Runtime.getRuntime().availableProcessors())).await();
      System.out.println("ceiling parse listening on " + port);
      return;
    }
    PgConnectOptions connect = PgConnectOptions.fromUri(args[1]).setCachePreparedStatements(true);
    Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(4)).connectingTo(connect).using(vertx).build();
    long until = System.nanoTime() + Long.parseLong(args[2]) * 1_000_000_000L;
    AtomicLong rows = new AtomicLong();
    UUID site = UUID.randomUUID();
    UUID chapter = UUID.randomUUID();
    long started = System.nanoTime();
    Future<?>[] lanes = new Future<?>[4];
    for (int i = 0; i < lanes.length; i++) {
      Promise<Void> lane = Promise.promise();
      loop(pool, site, chapter, until, rows, lane);
      lanes[i] = lane.future();
    }
    Future.all(java.util.List.of(lanes)).await();
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf("unnest insert: %d rows in %.1f s = %.0f rows/s%n", rows.get(), seconds, rows.get() / seconds);
    pool.close().await();
    vertx.close().await();
  }

  static void loop(Pool pool, UUID site, UUID chapter, long until, AtomicLong rows, Promise<Void> done) {
    if (System.nanoTime() > until) {
      done.complete();
      return;
    }
    int n = 1000;
    UUID[] s = new UUID[n], id = new UUID[n], v = new UUID[n], c = new UUID[n], se = new UUID[n];
    String[] type = new String[n], sess = new String[n], path = new String[n], ref = new String[n], dev = new String[n],
        br = new String[n], os = new String[n];
    OffsetDateTime[] at = new OffsetDateTime[n];
    Short[] pct = new Short[n];
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    for (int i = 0; i < n; i++) {
      s[i] = site;
      id[i] = UUID.randomUUID();
      v[i] = UUID.randomUUID();
      c[i] = chapter;
      se[i] = chapter;
      type[i] = i % 3 == 0 ? "CHAPTER_PROGRESS" : "PAGE_VIEW";
      at[i] = now;
      sess[i] = "s" + (i % 50);
      path[i] = "/series/a/chapter-" + (i % 20);
      ref[i] = i % 4 == 0 ? "google.com" : null;
      dev[i] = "desktop";
      br[i] = "Chrome";
      os[i] = "Windows";
      pct[i] = i % 3 == 0 ? (short) (i % 100) : null;
    }
    Tuple args = Tuple.tuple().addArrayOfUUID(s).addArrayOfUUID(id).addArrayOfString(type).addArrayOfOffsetDateTime(at)
        .addArrayOfUUID(v).addArrayOfUUID(c).addArrayOfUUID(se).addArrayOfString(sess).addArrayOfString(path)
        .addArrayOfString(ref).addArrayOfString(dev).addArrayOfString(br).addArrayOfString(os).addArrayOfShort(pct);
    pool.preparedQuery(INSERT).execute(args).onComplete(r -> {
      if (r.failed()) {
        done.fail(r.cause());
        return;
      }
      rows.addAndGet(n);
      loop(pool, site, chapter, until, rows, done);
    });
  }
}
