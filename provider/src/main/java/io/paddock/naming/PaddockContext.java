package io.paddock.naming;

import io.paddock.api.Acl;
import io.paddock.api.AclAndStat;
import io.paddock.api.ClientConfig;
import io.paddock.api.CreateMode;
import io.paddock.api.NodeData;
import io.paddock.api.Op;
import io.paddock.api.OpResult;
import io.paddock.api.PaddockClient;
import io.paddock.api.PaddockClients;
import io.paddock.api.PaddockException;
import io.paddock.api.Stat;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import javax.naming.Binding;
import javax.naming.Context;
import javax.naming.ContextNotEmptyException;
import javax.naming.InvalidNameException;
import javax.naming.Name;
import javax.naming.NameClassPair;
import javax.naming.NameNotFoundException;
import javax.naming.NameParser;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.NotContextException;
import javax.naming.OperationNotSupportedException;
import javax.naming.Reference;
import javax.naming.SizeLimitExceededException;
import javax.naming.spi.NamingManager;

/**
 * A JNDI {@link Context} whose names are znodes under a root: {@code a/b} is {@code <root>/a/b}. A
 * subcontext is a node whose data says so (or that has no data); a binding is a node whose data
 * holds the object (see {@link BindingCodec}). Missing intermediate contexts are an error, as JNDI
 * wants: create them with {@link #createSubcontext}.
 *
 * <p>The context created by a factory owns its client session: closing it ends the session, which
 * also removes the ephemeral bindings made through it (the way a service instance announces itself:
 * it binds with {@code paddock.naming.ephemeral=true} and its binding disappears when it stops or
 * dies). Contexts obtained from it (lookup, createSubcontext) share that session and close nothing.
 *
 * <p>Bindings are created with an open ACL. {@code rename} moves a binding or an empty context
 * atomically (one {@code multi}); moving a non-empty context is not supported.
 */
// BanJNDI: this is a JNDI provider; the calls are to its own contexts, which deserialize only
// through the serialFilter allow-list (NamingSettings).
@SuppressWarnings("BanJNDI")
public final class PaddockContext extends StringFormsContext {
  private static final System.Logger LOG = System.getLogger(PaddockContext.class.getName());

  /** Most children {@code list} and {@code listBindings} return. */
  static final int LIST_MAX = 100_000;

  /** Paths read per {@code multiRead} when listing. */
  static final int READS_PER_BATCH = 500;

  /** Longest znode path a name may map to. */
  static final int PATH_CHARS_MAX = 4_096;

  private final PaddockClient client;
  private final boolean ownsClient;
  private final String root;
  private final String base;
  private final Hashtable<String, Object> env;
  private final NameParser parser = new PaddockNameParser();
  private NamingSettings settings; // guarded by this
  private boolean closed; // guarded by this

  private PaddockContext(
      PaddockClient client,
      boolean ownsClient,
      String root,
      String base,
      Hashtable<String, Object> env,
      NamingSettings settings) {
    this.client = client;
    this.ownsClient = ownsClient;
    this.root = root;
    this.base = base;
    this.env = env;
    this.settings = settings;
  }

  /**
   * The root context for {@code env}: uses the client it names or starts one (owned by the
   * context), and creates the root node if it is missing.
   *
   * @throws NamingException if the settings are invalid or the root cannot be created
   */
  public static PaddockContext open(Map<?, ?> env) throws NamingException {
    Hashtable<String, Object> copy = NamingSettings.copy(env);
    NamingSettings settings = NamingSettings.from(copy);
    boolean owns = settings.client() == null;
    PaddockClient client =
        owns
            ? PaddockClients.connect(
                ClientConfig.builder(settings.connectString())
                    .sessionTimeoutMs(settings.sessionTimeoutMs())
                    .build())
            : settings.client();
    PaddockContext context =
        new PaddockContext(client, owns, settings.root(), settings.root(), copy, settings);
    try {
      context.ensureRoot();
    } catch (NamingException | RuntimeException e) {
      context.close();
      throw e;
    }
    return context;
  }

  private void ensureRoot() throws NamingException {
    Name rootName = parser.parse(root.substring(1));
    StringBuilder path = new StringBuilder();
    for (int i = 0; i < rootName.size(); i++) {
      path.append('/').append(rootName.get(i));
      String p = path.toString();
      try {
        call(
            rootName,
            () -> client.create(p, new byte[0], Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
      } catch (javax.naming.NameAlreadyBoundException e) {
        // there already
      }
    }
  }

  private PaddockContext child(String path) {
    return new PaddockContext(client, false, root, path, copyEnv(), currentSettings());
  }

  private synchronized NamingSettings currentSettings() {
    return settings;
  }

  @SuppressWarnings("JdkObsolete") // JNDI environments are Hashtables by contract
  private synchronized Hashtable<String, Object> copyEnv() {
    return new Hashtable<>(env);
  }

  /** The client this context uses. */
  public PaddockClient client() {
    return client;
  }

  // ---- plumbing -------------------------------------------------------------------------------

  @FunctionalInterface
  private interface Call<T> {
    T run() throws PaddockException, InterruptedException;
  }

  private <T> T call(Name name, Call<T> call) throws NamingException {
    synchronized (this) {
      if (closed) {
        throw new NamingException("context " + base + " is closed");
      }
    }
    try {
      return call.run();
    } catch (PaddockException e) {
      throw Failures.of(e, name);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Failures.interrupted(name, e);
    }
  }

  /** The znode of {@code name}; {@code name} may be empty (this context). */
  private String path(Name name) throws NamingException {
    StringBuilder p = new StringBuilder("/".equals(base) ? "" : base);
    for (int i = 0; i < name.size(); i++) {
      String c = name.get(i);
      if (c.isEmpty()
          || ".".equals(c)
          || "..".equals(c)
          || c.indexOf('/') >= 0
          || c.indexOf(0) >= 0) {
        throw new InvalidNameException("bad component '" + c + "' in " + name);
      }
      p.append('/').append(c);
    }
    if (p.length() > PATH_CHARS_MAX) {
      throw new InvalidNameException("name too long (" + p.length() + " chars): " + name);
    }
    return p.length() == 0 ? "/" : p.toString();
  }

  /** The znode of a non-empty {@code name}. */
  private String leafPath(Name name) throws NamingException {
    if (name.isEmpty()) {
      throw new InvalidNameException("an empty name names this context itself");
    }
    return path(name);
  }

  private static String parentOf(String path) {
    int cut = path.lastIndexOf('/');
    return cut <= 0 ? "/" : path.substring(0, cut);
  }

  private Object resolve(Reference ref, Name name) throws NamingException {
    String factory = ref.getFactoryClassName();
    if (factory == null || !currentSettings().objectFactories().contains(factory)) {
      LOG.log(
          Level.DEBUG,
          "{0}: factory {1} is not in {2}; returning the reference",
          name,
          factory,
          NamingSettings.OBJECT_FACTORIES);
      return ref;
    }
    try {
      return NamingManager.getObjectInstance(ref, name, this, copyEnv());
    } catch (NamingException e) {
      throw e;
    } catch (Exception e) {
      NamingException n = new NamingException("object factory " + factory + " failed for " + name);
      n.setRootCause(e);
      throw n;
    }
  }

  private Object value(String path, Name name, byte[] data) throws NamingException {
    BindingCodec.Decoded d = BindingCodec.decode(data, currentSettings().serialFilter());
    return switch (d.kind()) {
      case CONTEXT -> child(path);
      case REFERENCE -> resolve((Reference) d.value(), name);
      default -> d.value();
    };
  }

  // ---- Context --------------------------------------------------------------------------------

  @Override
  public Object lookup(Name name) throws NamingException {
    if (name.isEmpty()) {
      return child(base);
    }
    String path = path(name);
    NodeData d = call(name, () -> client.getData(path));
    return value(path, name, d.data());
  }

  @Override
  public void bind(Name name, Object obj) throws NamingException {
    String path = leafPath(name);
    byte[] data = BindingCodec.encode(obj);
    CreateMode mode = currentSettings().ephemeral() ? CreateMode.EPHEMERAL : CreateMode.PERSISTENT;
    call(name, () -> client.create(path, data, Acl.OPEN_ACL_UNSAFE, mode));
  }

  @Override
  public void rebind(Name name, Object obj) throws NamingException {
    String path = leafPath(name);
    byte[] data = BindingCodec.encode(obj);
    CreateMode mode = currentSettings().ephemeral() ? CreateMode.EPHEMERAL : CreateMode.PERSISTENT;
    for (int attempt = 0; attempt < 10; attempt++) {
      Stat stat = call(name, () -> client.exists(path));
      try {
        if (stat == null) {
          call(name, () -> client.create(path, data, Acl.OPEN_ACL_UNSAFE, mode));
        } else if (stat.numChildren() > 0) {
          throw new ContextNotEmptyException("cannot rebind " + name + ": a non-empty context");
        } else {
          // replace in one step, so the mode (ephemeral or not) follows this context's setting
          List<Op> ops =
              List.of(
                  new Op.Delete(path, stat.version()),
                  new Op.Create(path, data, Acl.OPEN_ACL_UNSAFE, mode));
          call(name, () -> client.multi(ops));
        }
        return;
      } catch (javax.naming.NameAlreadyBoundException | NameNotFoundException e) {
        if (stat == null && e instanceof NameNotFoundException) {
          throw e; // the parent is missing
        }
        // changed under us: look again
      } catch (NamingException e) {
        if (!(e.getRootCause() instanceof PaddockException.BadVersion)) {
          throw e;
        }
      }
    }
    throw new NamingException("rebind of " + name + " kept racing with other changes");
  }

  @Override
  public void unbind(Name name) throws NamingException {
    String path = leafPath(name);
    try {
      call(
          name,
          () -> {
            client.delete(path, -1);
            return null;
          });
    } catch (NameNotFoundException e) {
      if (call(name, () -> client.exists(parentOf(path))) == null) {
        throw e; // an intermediate context is missing: that is an error for unbind
      }
    }
  }

  @Override
  public void rename(Name oldName, Name newName) throws NamingException {
    String from = leafPath(oldName);
    String to = leafPath(newName);
    NodeData d = call(oldName, () -> client.getData(from));
    Stat stat = d.stat();
    if (stat.numChildren() > 0) {
      throw new OperationNotSupportedException(
          "cannot rename " + oldName + ": a non-empty context");
    }
    CreateMode mode = CreateMode.PERSISTENT;
    if (stat.ephemeralOwner() != 0) {
      if (stat.ephemeralOwner() != client.sessionId()) {
        throw new OperationNotSupportedException(
            "cannot rename " + oldName + ": an ephemeral binding of another session");
      }
      mode = CreateMode.EPHEMERAL;
    }
    AclAndStat acl = call(oldName, () -> client.getAcl(from));
    List<Op> ops =
        List.of(new Op.Create(to, d.data(), acl.acl(), mode), new Op.Delete(from, stat.version()));
    try {
      call(newName, () -> client.multi(ops));
    } catch (NamingException e) {
      if (e.getRootCause() instanceof PaddockException.BadVersion) {
        throw new NamingException(oldName + " changed during the rename; nothing was renamed");
      }
      throw e;
    }
  }

  @Override
  public NamingEnumeration<NameClassPair> list(Name name) throws NamingException {
    List<NameClassPair> out = new ArrayList<>();
    for (Entry e : entries(name)) {
      out.add(new NameClassPair(e.name(), BindingCodec.className(e.data()), true));
    }
    return new ListEnumeration<>(out);
  }

  @Override
  public NamingEnumeration<Binding> listBindings(Name name) throws NamingException {
    List<Binding> out = new ArrayList<>();
    for (Entry e : entries(name)) {
      Name childName = ((Name) name.clone()).add(e.name());
      Object obj = value(e.path(), childName, e.data());
      out.add(new Binding(e.name(), BindingCodec.className(e.data()), obj, true));
    }
    return new ListEnumeration<>(out);
  }

  private record Entry(String name, String path, byte[] data) {}

  /** The children of the context {@code name} with their data, sorted by name. */
  private List<Entry> entries(Name name) throws NamingException {
    String path = path(name);
    List<OpResult> head =
        call(name, () -> client.multiRead(List.of(new Op.GetData(path), new Op.GetChildren(path))));
    if (!(head.get(0) instanceof OpResult.GetDataResult self)
        || !(head.get(1) instanceof OpResult.GetChildrenResult kids)) {
      throw new NameNotFoundException(name + " is not bound");
    }
    List<String> names = new ArrayList<>(kids.children());
    if (names.isEmpty() && BindingCodec.kind(self.data()) != BindingCodec.Kind.CONTEXT) {
      throw new NotContextException(name + " is a binding, not a context");
    }
    if (names.size() > LIST_MAX) {
      throw new SizeLimitExceededException(name + " has " + names.size() + " children");
    }
    names.sort(null);
    List<Entry> entries = new ArrayList<>(names.size());
    for (int from = 0; from < names.size(); from += READS_PER_BATCH) {
      List<String> batch = names.subList(from, Math.min(names.size(), from + READS_PER_BATCH));
      List<Op> reads = new ArrayList<>(batch.size());
      for (String child : batch) {
        reads.add(new Op.GetData(childPath(path, child)));
      }
      List<OpResult> results = call(name, () -> client.multiRead(reads));
      for (int i = 0; i < batch.size(); i++) {
        if (results.get(i) instanceof OpResult.GetDataResult d) { // else unbound meanwhile
          entries.add(new Entry(batch.get(i), childPath(path, batch.get(i)), d.data()));
        }
      }
    }
    return entries;
  }

  private static String childPath(String path, String child) {
    return "/".equals(path) ? "/" + child : path + "/" + child;
  }

  @Override
  public void destroySubcontext(Name name) throws NamingException {
    String path = leafPath(name);
    NodeData d;
    try {
      d = call(name, () -> client.getData(path));
    } catch (NameNotFoundException e) {
      if (call(name, () -> client.exists(parentOf(path))) == null) {
        throw e;
      }
      return; // not there: nothing to destroy
    }
    if (BindingCodec.kind(d.data()) != BindingCodec.Kind.CONTEXT) {
      throw new NotContextException(name + " is a binding, not a context");
    }
    call(
        name,
        () -> {
          client.delete(path, -1);
          return null;
        });
  }

  @Override
  public Context createSubcontext(Name name) throws NamingException {
    String path = leafPath(name);
    byte[] data = BindingCodec.context();
    call(name, () -> client.create(path, data, Acl.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
    return child(path);
  }

  @Override
  public Object lookupLink(Name name) throws NamingException {
    return lookup(name); // there are no links
  }

  @Override
  public NameParser getNameParser(Name name) {
    return parser;
  }

  @Override
  NameParser parser() {
    return parser;
  }

  @Override
  public Name composeName(Name name, Name prefix) throws NamingException {
    Name result = (Name) prefix.clone();
    result.addAll(name);
    return result;
  }

  @Override
  public String composeName(String name, String prefix) throws NamingException {
    return composeName(parser.parse(name), parser.parse(prefix)).toString();
  }

  @Override
  public synchronized Object addToEnvironment(String propName, Object propVal)
      throws NamingException {
    Object old = env.put(propName, propVal);
    reparse(propName, old);
    return old;
  }

  @Override
  public synchronized Object removeFromEnvironment(String propName) throws NamingException {
    Object old = env.remove(propName);
    reparse(propName, old);
    return old;
  }

  private void reparse(String propName, Object old) throws NamingException {
    try {
      settings = NamingSettings.from(env);
    } catch (NamingException e) {
      if (old == null) {
        env.remove(propName);
      } else {
        env.put(propName, old);
      }
      throw e;
    }
  }

  @Override
  @SuppressWarnings("JdkObsolete") // JNDI environments are Hashtables by contract
  public synchronized Hashtable<?, ?> getEnvironment() {
    return new Hashtable<>(env);
  }

  /** Ends the session if this context started it (its ephemeral bindings go with it). */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    if (ownsClient) {
      client.close();
    }
  }

  @Override
  public String getNameInNamespace() {
    return base.equals(root) ? "" : base.substring("/".equals(root) ? 1 : root.length() + 1);
  }

  @Override
  public String toString() {
    return "PaddockContext[" + base + "]";
  }
}
