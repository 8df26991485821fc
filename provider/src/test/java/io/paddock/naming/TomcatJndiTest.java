package io.paddock.naming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.paddock.config.ServerConfig;
import io.paddock.server.PaddockServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.ContextResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider inside a real servlet container's JNDI: embedded Tomcat declares a {@code
 * javax.naming.Context} resource made by {@link PaddockContextObjectFactory}, and a servlet looks
 * names up through {@code java:comp/env} and through {@code paddock:} URLs. Runs in a JVM of its
 * own (see the provider pom): {@code enableNaming()} changes JVM-wide system properties.
 */
// BanJNDI: exercising JNDI inside a container is the point; JdkObsolete: JNDI environments are
// Hashtables by contract.
@SuppressWarnings({"BanJNDI", "JdkObsolete"})
class TomcatJndiTest {
  @TempDir Path dir;

  /** Answers {@code GET /lookup} with what it finds through the container's JNDI. */
  static final class LookupServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final String hosts;

    LookupServlet(String hosts) {
      this.hosts = hosts;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      try {
        InitialContext initial = new InitialContext(); // Tomcat's, set up by enableNaming()
        Context paddock = (Context) initial.lookup("java:comp/env/paddock");
        Object viaResource = paddock.lookup("services/db");
        Object viaUrl = initial.lookup("paddock://" + hosts + "/jndi/services/db");
        paddock.bind("services/seen-by-servlet", "yes");
        resp.setContentType("text/plain");
        resp.getWriter().print(viaResource + "|" + viaUrl);
      } catch (NamingException e) {
        resp.sendError(500, e.toString());
      }
    }
  }

  @Test
  void aServletFindsPaddockNamesThroughTheContainersJndi() throws Exception {
    // -Dtest overrides the default execution's exclude: never pollute a shared JVM
    assumeTrue(Boolean.getBoolean("paddock.test.ownJvm"), "runs in the tomcat-jndi execution only");
    Path data = Files.createDirectories(dir.resolve("data"));
    try (PaddockServer server =
        PaddockServer.start(ServerConfig.builder(data).clientPort(0).build())) {
      String hosts = "127.0.0.1:" + server.clientPort();
      Hashtable<String, Object> env = new Hashtable<>();
      env.put(Context.INITIAL_CONTEXT_FACTORY, PaddockInitialContextFactory.class.getName());
      env.put(Context.PROVIDER_URL, "paddock://" + hosts + "/jndi");
      Context admin = new InitialContext(env);
      admin.createSubcontext("services").bind("db", "jdbc:postgresql://db.internal/shop");

      // Our URL package next to Tomcat's: enableNaming() keeps what is already there.
      System.setProperty(Context.URL_PKG_PREFIXES, "io.paddock.naming");
      Tomcat tomcat = new Tomcat();
      tomcat.setBaseDir(dir.resolve("tomcat").toString());
      tomcat.setPort(0);
      tomcat.getConnector().setProperty("address", "127.0.0.1");
      tomcat.enableNaming();
      org.apache.catalina.Context app =
          tomcat.addContext("", Files.createDirectories(dir.resolve("docs")).toString());
      ContextResource resource = new ContextResource();
      resource.setName("paddock");
      resource.setType(Context.class.getName());
      resource.setProperty("factory", PaddockContextObjectFactory.class.getName());
      resource.setProperty(NamingSettings.CONNECT, hosts);
      resource.setProperty(NamingSettings.ROOT, "/jndi");
      resource.setCloseMethod("close"); // Tomcat ends the session when the application stops
      app.getNamingResources().addResource(resource);
      Tomcat.addServlet(app, "lookup", new LookupServlet(hosts)).addMapping("/lookup");
      tomcat.start();
      try {
        int port = tomcat.getConnector().getLocalPort();
        HttpURLConnection http =
            (HttpURLConnection)
                URI.create("http://127.0.0.1:" + port + "/lookup").toURL().openConnection();
        http.setConnectTimeout(10_000);
        http.setReadTimeout(30_000);
        int status = http.getResponseCode();
        String body;
        try (InputStream in = status < 400 ? http.getInputStream() : http.getErrorStream()) {
          body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(status).as(body).isEqualTo(200);
        assertThat(body)
            .isEqualTo("jdbc:postgresql://db.internal/shop|jdbc:postgresql://db.internal/shop");
        assertThat(admin.lookup("services/seen-by-servlet")).isEqualTo("yes");
      } finally {
        tomcat.stop();
        tomcat.destroy();
        admin.close();
      }
    }
  }
}
