import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.FileWriter;
import java.io.PrintWriter;

/**
 * The webhooks-out benchmark's receiver: answers 200 at once and logs "seq arrivalMillis" per delivery (seq from
 * the event's data). Usage: java -cp target/quire.jar bench/Receiver.java <port> <log file>.
 */
public class Receiver {
  public static void main(String[] args) throws Exception {
    PrintWriter log = new PrintWriter(new FileWriter(args[1]), true);
    Vertx vertx = Vertx.vertx();
    vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      long at = System.currentTimeMillis();
      Object seq = new JsonObject(body).getJsonObject("data").getValue("seq");
      synchronized (log) {
        log.println(seq + " " + at);
      }
      req.response().end();
    })).listen(Integer.parseInt(args[0]), "127.0.0.1").await();
    System.out.println("listening");
  }
}
