package io.paddock.naming;

import io.paddock.api.PaddockClient;
import java.util.Hashtable;
import java.util.Map;
import java.util.Objects;
import javax.naming.ConfigurationException;
import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.spi.InitialContextFactory;

/**
 * The {@link InitialContextFactory}: set {@code java.naming.factory.initial} to this class and
 * {@code java.naming.provider.url} to {@code paddock://host:port[,host:port...][/root]} (or use the
 * keys of {@link NamingSettings}), in the environment or in {@code jndi.properties}. Each initial
 * context owns one session; close it to end the session.
 *
 * <p>A factory made with {@link #PaddockInitialContextFactory(PaddockClient, String)} is bound to a
 * session someone else owns (the OSGi client component publishes one per configured client, as the
 * OSGi JNDI Service specification asks). Its contexts use that session and close nothing; the
 * caller's environment still chooses the root ({@code paddock.naming.root} or the provider URL's
 * path, default {@value NamingSettings#ROOT_DEFAULT}) and the other settings, but may not name
 * another ensemble.
 */
public final class PaddockInitialContextFactory implements InitialContextFactory {
  private final PaddockClient session;
  private final String ensemble;

  /** For JNDI, which instantiates factories by class name. */
  public PaddockInitialContextFactory() {
    this.session = null;
    this.ensemble = null;
  }

  /**
   * A factory whose contexts use {@code session}, which stays open when they are closed.
   *
   * @param session the client the contexts use
   * @param ensemble the session's {@code host:port[,host:port...]} (without a chroot): a provider
   *     URL or {@code paddock.naming.connect} in the environment must name this ensemble
   */
  public PaddockInitialContextFactory(PaddockClient session, String ensemble) {
    this.session = Objects.requireNonNull(session, "session");
    this.ensemble = PaddockUrl.requireEnsemble(ensemble);
  }

  /**
   * An initial context for {@code environment}.
   *
   * <p>A session-bound factory answers only environments whose {@code java.naming.factory.initial}
   * names this class, and returns null for the others: an OSGi JNDI implementation asks every
   * registered factory for a default context when the caller names none, and a Paddock context must
   * not become every bundle's default context by accident.
   *
   * @throws ConfigurationException if the environment names another ensemble than the bound
   *     session's, or a setting is invalid
   */
  @Override
  public Context getInitialContext(Hashtable<?, ?> environment) throws NamingException {
    Map<?, ?> env = environment == null ? Map.of() : environment;
    if (session == null) {
      return PaddockContext.open(env);
    }
    if (!getClass().getName().equals(env.get(Context.INITIAL_CONTEXT_FACTORY))) {
      return null;
    }
    Hashtable<String, Object> bound = NamingSettings.copy(env);
    String named = namedEnsemble(bound);
    if (named != null && !PaddockUrl.sameEnsemble(named, ensemble)) {
      throw new ConfigurationException(
          "this factory serves the session with "
              + ensemble
              + ", not "
              + named
              + ": use a PaddockClientFactory client for other ensembles");
    }
    bound.put(NamingSettings.CLIENT, session);
    return PaddockContext.open(bound);
  }

  /** The ensemble {@code env} asks for, or null if it names none. */
  private static String namedEnsemble(Map<String, Object> env) throws ConfigurationException {
    Object connect = env.get(NamingSettings.CONNECT);
    if (connect != null) {
      return connect.toString();
    }
    Object url = env.get(Context.PROVIDER_URL);
    if (url == null) {
      return null;
    }
    try {
      return PaddockUrl.parse(url.toString()).connectString();
    } catch (IllegalArgumentException e) {
      ConfigurationException failure = new ConfigurationException(e.getMessage());
      failure.setRootCause(e);
      throw failure;
    }
  }
}
