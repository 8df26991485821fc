package io.paddock.naming.paddock;

import io.paddock.api.PaddockClient;
import io.paddock.naming.NamingSettings;
import io.paddock.naming.PaddockUrl;
import io.paddock.naming.PaddockUrlContext;
import java.util.Hashtable;
import java.util.Map;
import java.util.Objects;
import javax.naming.Context;
import javax.naming.Name;
import javax.naming.spi.ObjectFactory;

/**
 * Resolves {@code paddock://host:port[,host:port...]/path} names. The class name breaks Java's
 * naming convention because JNDI derives it from the URL scheme: {@code
 * <pkg>.paddock.paddockURLContextFactory}.
 *
 * <p>Made with {@link #paddockURLContextFactory(PaddockClient, String)}, it is bound to a session
 * someone else owns (the OSGi client component registers one as the {@code paddock} URL scheme's
 * {@link ObjectFactory} service): every URL is resolved on that session, and a URL naming another
 * ensemble is refused.
 */
// TypeName: JNDI requires exactly this name (see above). BanJNDI: it resolves with our own
// contexts, which deserialize only through the serialFilter allow-list.
@SuppressWarnings({"TypeName", "BanJNDI"})
public final class paddockURLContextFactory implements ObjectFactory {
  private final Map<String, Object> bound;

  /** For JNDI, which instantiates the factory by class name. */
  public paddockURLContextFactory() {
    this.bound = Map.of();
  }

  /**
   * A factory whose contexts resolve every URL on {@code session}, which they never close.
   *
   * @param session the client the contexts use
   * @param ensemble the session's {@code host:port[,host:port...]} (without a chroot): URLs must
   *     name this ensemble; their path is the znode as the session sees it
   */
  public paddockURLContextFactory(PaddockClient session, String ensemble) {
    this.bound =
        Map.of(
            NamingSettings.CLIENT,
            Objects.requireNonNull(session, "session"),
            NamingSettings.CONNECT,
            PaddockUrl.requireEnsemble(ensemble));
  }

  /**
   * With a null {@code obj}, a context that resolves {@code paddock:} URLs; with a URL (or an array
   * of equivalent URLs), the object that URL names; otherwise null.
   */
  @Override
  public Object getObjectInstance(Object obj, Name name, Context nameCtx, Hashtable<?, ?> env)
      throws Exception {
    PaddockUrlContext context = new PaddockUrlContext(withBound(env));
    if (obj == null) {
      return context;
    }
    if (obj instanceof String url) {
      return context.lookup(url);
    }
    if (obj instanceof String[] urls && urls.length > 0) {
      Exception last = null;
      for (String url : urls) {
        try {
          return context.lookup(url);
        } catch (javax.naming.NamingException e) {
          last = e;
        }
      }
      throw last;
    }
    return null;
  }

  /** The caller's environment with the bound session (if any) winning over what it says. */
  @SuppressWarnings("JdkObsolete") // JNDI environments are Hashtables by contract
  private Hashtable<Object, Object> withBound(Hashtable<?, ?> env) {
    Hashtable<Object, Object> merged = env == null ? new Hashtable<>() : new Hashtable<>(env);
    merged.putAll(bound);
    return merged;
  }
}
