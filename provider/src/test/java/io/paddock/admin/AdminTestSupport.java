package io.paddock.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.paddock.server.PaddockServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;

/** Shared plumbing for the admin tests: real HTTP, real ZooKeeper clients, raw 4lw sockets. */
final class AdminTestSupport {
  // A mutable list: ZooKeeper's client calls contains(null) on it, which List.of rejects.
  static final List<ACL> OPEN = new ArrayList<>(List.of(new ACL(31, new Id("world", "anyone"))));

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private AdminTestSupport() {}

  /** An HTTP answer: status, content type and body. */
  record Answer(int status, String contentType, String body) {}

  static Answer get(PaddockServer server, String path) throws IOException, InterruptedException {
    return send(server, path, "GET");
  }

  static Answer send(PaddockServer server, String path, String method)
      throws IOException, InterruptedException {
    int port = server.adminPort().orElseThrow();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
  }

  static ZooKeeper connect(PaddockServer server) throws Exception {
    CountDownLatch connected = new CountDownLatch(1);
    ZooKeeper zk =
        new ZooKeeper(
            "127.0.0.1:" + server.clientPort(),
            10_000,
            e -> {
              if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
              }
            });
    assertThat(connected.await(10, TimeUnit.SECONDS)).isTrue();
    return zk;
  }

  /** Sends a four-letter word on the client port and reads the answer until the server closes. */
  static String fourLetterWord(PaddockServer server, String word) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.clientPort())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(word.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
