package io.paddock.naming;

import java.util.Hashtable;
import java.util.Map;
import javax.naming.Binding;
import javax.naming.ConfigurationException;
import javax.naming.Context;
import javax.naming.InvalidNameException;
import javax.naming.Name;
import javax.naming.NameClassPair;
import javax.naming.NameParser;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.OperationNotSupportedException;

/**
 * Resolves absolute {@code paddock://host:port[,host:port...]/path} names (the path is the znode).
 * JNDI creates URL contexts per call and never closes them, so every operation here uses a session
 * of its own that ends with the operation, unless the environment hands over a client ({@code
 * paddock.naming.client}). A context looked up through a URL owns a session of its own: close it.
 * For many lookups, use an initial context from {@link PaddockInitialContextFactory} instead.
 */
// BanJNDI: this is a JNDI provider; the calls are to its own contexts, which deserialize only
// through the serialFilter allow-list (NamingSettings).
@SuppressWarnings("BanJNDI")
public final class PaddockUrlContext extends StringFormsContext {
  private final Hashtable<String, Object> env;
  private final NameParser parser = new PaddockNameParser();

  /** A URL context with {@code env} as the environment of the sessions it starts. */
  public PaddockUrlContext(Map<?, ?> env) {
    this.env = NamingSettings.copy(env);
    this.env.remove(Context.PROVIDER_URL);
  }

  @FunctionalInterface
  private interface UrlOp<T> {
    T apply(PaddockContext context, Name name) throws NamingException;
  }

  @SuppressWarnings("JdkObsolete") // JNDI environments are Hashtables by contract
  private Hashtable<String, Object> envFor(PaddockUrl url, String root) {
    Hashtable<String, Object> e = new Hashtable<>(env);
    e.put(NamingSettings.CONNECT, url.connectString());
    e.put(NamingSettings.ROOT, root);
    return e;
  }

  private static PaddockUrl parse(String url) throws InvalidNameException {
    try {
      return PaddockUrl.parse(url);
    } catch (IllegalArgumentException e) {
      InvalidNameException n = new InvalidNameException(e.getMessage());
      n.setRootCause(e);
      throw n;
    }
  }

  /**
   * {@code url} parsed; with a handed-over client and {@code paddock.naming.connect} (a bound
   * factory's environment), it must name that client's ensemble: the client cannot serve another.
   */
  private PaddockUrl resolve(String url) throws NamingException {
    PaddockUrl u = parse(url);
    Object client = env.get(NamingSettings.CLIENT);
    Object ensemble = env.get(NamingSettings.CONNECT);
    if (client != null
        && ensemble != null
        && !PaddockUrl.sameEnsemble(u.connectString(), ensemble.toString())) {
      throw new ConfigurationException(
          "this URL context resolves names on the session with "
              + ensemble
              + ", not "
              + u.connectString()
              + ": "
              + url);
    }
    return u;
  }

  private <T> T with(String url, UrlOp<T> op) throws NamingException {
    PaddockUrl u = resolve(url);
    try (ContextCloser closer = new ContextCloser(PaddockContext.open(envFor(u, "/")))) {
      return op.apply(closer.context, parser.parse(u.path().substring(1)));
    }
  }

  /** try-with-resources for a context whose close() is declared to throw. */
  private static final class ContextCloser implements AutoCloseable {
    final PaddockContext context;

    ContextCloser(PaddockContext context) {
      this.context = context;
    }

    @Override
    public void close() {
      context.close();
    }
  }

  private void refuseEphemeral() throws NamingException {
    if (Boolean.parseBoolean(String.valueOf(env.get(NamingSettings.EPHEMERAL)))
        && env.get(NamingSettings.CLIENT) == null) {
      throw new OperationNotSupportedException(
          "an ephemeral binding through a URL would end with the call: bind it through an initial"
              + " context from PaddockInitialContextFactory");
    }
  }

  @Override
  NameParser parser() {
    return parser;
  }

  @Override
  public Object lookup(String name) throws NamingException {
    PaddockUrl u = resolve(name);
    Object found = with(name, (c, n) -> c.lookup(n));
    if (found instanceof PaddockContext) {
      // the one we found shares the per-call session, which just ended: give the caller its own
      return PaddockContext.open(envFor(u, u.path()));
    }
    return found;
  }

  @Override
  public Object lookup(Name name) throws NamingException {
    return lookup(name.toString());
  }

  @Override
  public void bind(Name name, Object obj) throws NamingException {
    bind(name.toString(), obj);
  }

  @Override
  public void bind(String name, Object obj) throws NamingException {
    refuseEphemeral();
    with(
        name,
        (c, n) -> {
          c.bind(n, obj);
          return null;
        });
  }

  @Override
  public void rebind(Name name, Object obj) throws NamingException {
    rebind(name.toString(), obj);
  }

  @Override
  public void rebind(String name, Object obj) throws NamingException {
    refuseEphemeral();
    with(
        name,
        (c, n) -> {
          c.rebind(n, obj);
          return null;
        });
  }

  @Override
  public void unbind(Name name) throws NamingException {
    unbind(name.toString());
  }

  @Override
  public void unbind(String name) throws NamingException {
    with(
        name,
        (c, n) -> {
          c.unbind(n);
          return null;
        });
  }

  @Override
  public void rename(Name oldName, Name newName) throws NamingException {
    rename(oldName.toString(), newName.toString());
  }

  @Override
  public void rename(String oldName, String newName) throws NamingException {
    PaddockUrl to = resolve(newName);
    if (!parse(oldName).connectString().equals(to.connectString())) {
      throw new OperationNotSupportedException(
          "rename across ensembles: " + oldName + " -> " + newName);
    }
    with(
        oldName,
        (c, n) -> {
          c.rename(n, parser.parse(to.path().substring(1)));
          return null;
        });
  }

  @Override
  public NamingEnumeration<NameClassPair> list(Name name) throws NamingException {
    return list(name.toString());
  }

  @Override
  public NamingEnumeration<NameClassPair> list(String name) throws NamingException {
    return with(name, (c, n) -> c.list(n));
  }

  @Override
  public NamingEnumeration<Binding> listBindings(Name name) throws NamingException {
    return listBindings(name.toString());
  }

  @Override
  public NamingEnumeration<Binding> listBindings(String name) throws NamingException {
    // values that are contexts would share the per-call session: only plain values are listed
    return with(name, (c, n) -> c.listBindings(n));
  }

  @Override
  public void destroySubcontext(Name name) throws NamingException {
    destroySubcontext(name.toString());
  }

  @Override
  public void destroySubcontext(String name) throws NamingException {
    with(
        name,
        (c, n) -> {
          c.destroySubcontext(n);
          return null;
        });
  }

  @Override
  public Context createSubcontext(Name name) throws NamingException {
    return createSubcontext(name.toString());
  }

  @Override
  public Context createSubcontext(String name) throws NamingException {
    PaddockUrl u = resolve(name);
    with(name, (c, n) -> c.createSubcontext(n));
    return PaddockContext.open(envFor(u, u.path()));
  }

  @Override
  public Object lookupLink(Name name) throws NamingException {
    return lookup(name);
  }

  @Override
  public NameParser getNameParser(Name name) {
    return parser;
  }

  @Override
  public Name composeName(Name name, Name prefix) throws NamingException {
    Name result = (Name) prefix.clone();
    result.addAll(name);
    return result;
  }

  @Override
  public String composeName(String name, String prefix) {
    return prefix.endsWith("/") ? prefix + name : prefix + "/" + name;
  }

  @Override
  public Object addToEnvironment(String propName, Object propVal) {
    return env.put(propName, propVal);
  }

  @Override
  public Object removeFromEnvironment(String propName) {
    return env.remove(propName);
  }

  @Override
  @SuppressWarnings("JdkObsolete") // JNDI environments are Hashtables by contract
  public Hashtable<?, ?> getEnvironment() {
    return new Hashtable<>(env);
  }

  @Override
  public void close() {
    // nothing is held between calls
  }

  @Override
  public String getNameInNamespace() {
    return "";
  }
}
