package io.paddock.naming;

import java.util.Hashtable;
import java.util.Map;
import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.spi.InitialContextFactory;

/**
 * The {@link InitialContextFactory}: set {@code java.naming.factory.initial} to this class and
 * {@code java.naming.provider.url} to {@code paddock://host:port[,host:port...][/root]} (or use the
 * keys of {@link NamingSettings}), in the environment or in {@code jndi.properties}. Each initial
 * context owns one session; close it to end the session.
 */
public final class PaddockInitialContextFactory implements InitialContextFactory {
  /** For JNDI, which instantiates factories by class name. */
  public PaddockInitialContextFactory() {}

  @Override
  public Context getInitialContext(Hashtable<?, ?> environment) throws NamingException {
    return PaddockContext.open(environment == null ? Map.of() : environment);
  }
}
