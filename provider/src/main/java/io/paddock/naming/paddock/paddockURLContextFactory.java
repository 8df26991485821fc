package io.paddock.naming.paddock;

import io.paddock.naming.PaddockUrlContext;
import java.util.Hashtable;
import javax.naming.Context;
import javax.naming.Name;
import javax.naming.spi.ObjectFactory;

/**
 * Resolves {@code paddock://host:port[,host:port...]/path} names. The class name breaks Java's
 * naming convention because JNDI derives it from the URL scheme: {@code
 * <pkg>.paddock.paddockURLContextFactory}.
 */
// TypeName: JNDI requires exactly this name (see above). BanJNDI: it resolves with our own
// contexts, which deserialize only through the serialFilter allow-list.
@SuppressWarnings({"TypeName", "BanJNDI"})
public final class paddockURLContextFactory implements ObjectFactory {
  /** For JNDI, which instantiates the factory by class name. */
  public paddockURLContextFactory() {}

  /**
   * With a null {@code obj}, a context that resolves {@code paddock:} URLs; with a URL (or an array
   * of equivalent URLs), the object that URL names; otherwise null.
   */
  @Override
  public Object getObjectInstance(Object obj, Name name, Context nameCtx, Hashtable<?, ?> env)
      throws Exception {
    PaddockUrlContext context = new PaddockUrlContext(env);
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
}
