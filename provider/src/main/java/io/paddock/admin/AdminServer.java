package io.paddock.admin;

import io.paddock.config.ConfigKeys;
import io.paddock.config.ServerConfig;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP admin server (Jetty 12 core, no servlets), bound to {@code admin.serverAddress:
 * admin.serverPort} (loopback by default).
 *
 * <ul>
 *   <li>{@code GET <admin.commandURL>}: the commands, as JSON.
 *   <li>{@code GET <admin.commandURL>/<name>}: runs a command by its ZooKeeper admin name or
 *       four-letter alias ({@code /commands/monitor}, {@code /commands/mntr}); JSON that ends with
 *       {@code "command"} and {@code "error"}. Unknown names get 404 with a JSON error.
 *   <li>{@code GET /metrics}: Prometheus text.
 * </ul>
 *
 * <p>POST runs commands too, as in ZooKeeper 3.9. There is no authentication: the admin server is
 * meant for loopback, where whoever can connect can also read the data directory.
 *
 * <p>Limits: {@value #THREADS_MAX} threads, {@value #CONNECTIONS_MAX} connections (Jetty stops
 * accepting beyond that), Jetty's default 8 kB request header limit, a 30 s idle timeout, and
 * bounded answers (see {@link ServerFigures.Details#ITEMS_MAX}).
 */
public final class AdminServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(AdminServer.class.getName());
  static final String METRICS_PATH = "/metrics";
  private static final String JSON = "application/json; charset=utf-8";
  private static final int THREADS_MAX = 8;
  private static final int THREADS_MIN = 2;
  private static final int CONNECTIONS_MAX = 64;
  private static final int IDLE_TIMEOUT_MS = 30_000;
  private static final int STOP_TIMEOUT_MS = 5_000;

  private final Server jetty;
  private final ServerConnector connector;

  private AdminServer(Server jetty, ServerConnector connector) {
    this.jetty = jetty;
    this.connector = connector;
  }

  /**
   * Starts the admin server on {@code admin.serverAddress:admin.serverPort}.
   *
   * @param config the server's configuration (the admin keys and what {@code conf} shows)
   * @param backend the running server
   * @param clientPort the bound client port, for {@code conf}
   * @throws IOException naming the address and port if it cannot bind
   */
  public static AdminServer start(ServerConfig config, AdminBackend backend, int clientPort)
      throws IOException {
    String host = config.get(ConfigKeys.ADMIN_SERVER_ADDRESS);
    int port = config.get(ConfigKeys.ADMIN_SERVER_PORT);
    String commandUrl = config.get(ConfigKeys.ADMIN_COMMAND_URL);
    // Jetty wants its job queue unbounded (its own selector tasks go there); the bound on work is
    // the connection limit below instead.
    QueuedThreadPool threads = new QueuedThreadPool(THREADS_MAX, THREADS_MIN);
    threads.setName("paddock-admin-" + clientPort);
    threads.setDaemon(true); // never keeps a JVM alive on its own; close() stops it anyway
    Server jetty = new Server(threads);
    jetty.setStopTimeout(STOP_TIMEOUT_MS);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    ServerConnector connector = new ServerConnector(jetty, 1, 1, new HttpConnectionFactory(http));
    connector.setHost(host);
    connector.setPort(port);
    connector.setIdleTimeout(IDLE_TIMEOUT_MS);
    jetty.addConnector(connector);
    jetty.addBean(new NetworkConnectionLimit(CONNECTIONS_MAX, connector));
    jetty.setHandler(
        new Routes(new AdminCommands(backend, config, clientPort), backend, commandUrl));
    try {
      jetty.start();
    } catch (Exception e) { // Jetty's start() declares Exception; a bind failure is an IOException
      stopQuietly(jetty);
      throw new IOException(
          "cannot start the admin server on "
              + host
              + ":"
              + port
              + " ("
              + ConfigKeys.ADMIN_SERVER_ADDRESS.name()
              + ", "
              + ConfigKeys.ADMIN_SERVER_PORT.name()
              + "): "
              + e.getMessage()
              + "; choose a free port, or set "
              + ConfigKeys.ADMIN_ENABLE_SERVER.name()
              + "=false",
          e);
    }
    AdminServer server = new AdminServer(jetty, connector);
    LOG.log(
        Level.INFO,
        "Paddock admin server on http://"
            + host
            + ":"
            + server.port()
            + commandUrl
            + " and "
            + METRICS_PATH);
    return server;
  }

  /** The bound port (the actual one when the config asked for port 0). */
  public int port() {
    return connector.getLocalPort();
  }

  /** Stops serving and releases the port. */
  @Override
  public void close() {
    stopQuietly(jetty);
  }

  private static void stopQuietly(Server jetty) {
    try {
      jetty.stop();
    } catch (Exception e) { // Jetty's stop() declares Exception; nothing more to release
      LOG.log(Level.WARNING, "stopping the admin server failed: " + e);
    }
  }

  /** Dispatches a request to the command list, a command, or the metrics page. */
  private static final class Routes extends Handler.Abstract {
    private final AdminCommands commands;
    private final AdminBackend backend;
    private final String commandUrl;

    Routes(AdminCommands commands, AdminBackend backend, String commandUrl) {
      this.commands = commands;
      this.backend = backend;
      this.commandUrl = commandUrl;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      String method = request.getMethod();
      String path = Request.getPathInContext(request);
      try {
        if (!method.equals("GET") && !method.equals("POST")) {
          send(response, callback, 405, JSON, errorJson(null, "method " + method + " not allowed"));
        } else if (path.equals(METRICS_PATH)) {
          metrics(response, callback);
        } else if (path.equals(commandUrl) || path.equals(commandUrl + "/")) {
          send(response, callback, AdminCommands.OK, JSON, Json.write(listing()));
        } else if (path.startsWith(commandUrl + "/")) {
          AdminCommands.Result result = commands.run(path.substring(commandUrl.length() + 1));
          send(response, callback, result.status(), JSON, Json.write(result.body()));
        } else {
          send(
              response,
              callback,
              AdminCommands.NOT_FOUND,
              JSON,
              errorJson(
                  null, "no such page: " + path + "; see " + commandUrl + " or " + METRICS_PATH));
        }
      } catch (RuntimeException e) {
        // A bug in a command, not something the caller did: answer, log, and keep serving.
        LOG.log(Level.WARNING, "admin request " + method + " " + path + " failed", e);
        send(response, callback, 500, JSON, errorJson(null, "internal error: " + e));
      }
      return true;
    }

    private void metrics(Response response, Callback callback) {
      try {
        ServerFigures f = backend.figures(EnumSet.noneOf(ServerFigures.Detail.class));
        send(
            response,
            callback,
            AdminCommands.OK,
            PrometheusText.CONTENT_TYPE,
            MetricsPage.render(f));
      } catch (AdminUnavailableException e) {
        send(
            response,
            callback,
            AdminCommands.UNAVAILABLE,
            "text/plain; charset=utf-8",
            e.getMessage() + "\n");
      }
    }

    private Map<String, Object> listing() {
      List<Object> list = new ArrayList<>();
      for (AdminCommands.Command c : commands.commands()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("aliases", c.aliases());
        m.put("url", commandUrl + "/" + c.name());
        m.put("doc", c.doc());
        list.add(m);
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("commands", list);
      out.put("metrics_url", METRICS_PATH);
      out.put("error", null);
      return out;
    }

    private static String errorJson(String command, String message) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("command", command);
      body.put("error", message);
      return Json.write(body);
    }

    private static void send(
        Response response, Callback callback, int status, String contentType, String body) {
      response.setStatus(status);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
      response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
      response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }
  }
}
