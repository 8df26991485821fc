package io.paddock.naming;

import java.util.Enumeration;
import java.util.Hashtable;
import javax.naming.Context;
import javax.naming.Name;
import javax.naming.RefAddr;
import javax.naming.Reference;
import javax.naming.spi.ObjectFactory;

/**
 * Makes a {@link PaddockContext} from a container resource definition, for example in Tomcat:
 *
 * <pre>{@code
 * <Resource name="paddock" type="javax.naming.Context"
 *           factory="io.paddock.naming.PaddockContextObjectFactory" closeMethod="close"
 *           paddock.naming.connect="zk1:2181,zk2:2181" paddock.naming.root="/jndi"/>
 * }</pre>
 *
 * <p>Every text address of the reference is a {@link NamingSettings} key (the container's
 * environment supplies the rest). The context owns its session; with a container's default
 * singleton resources that is one session per application, ended by {@code closeMethod="close"}
 * when the application stops.
 */
public final class PaddockContextObjectFactory implements ObjectFactory {
  /** For containers, which instantiate factories by class name. */
  public PaddockContextObjectFactory() {}

  @Override
  public Object getObjectInstance(Object obj, Name name, Context nameCtx, Hashtable<?, ?> env)
      throws Exception {
    if (!(obj instanceof Reference ref)) {
      return null;
    }
    Hashtable<String, Object> settings = NamingSettings.copy(env);
    Enumeration<RefAddr> addrs = ref.getAll();
    while (addrs.hasMoreElements()) {
      RefAddr a = addrs.nextElement();
      if (a.getContent() instanceof String value && a.getType().startsWith("paddock.naming.")) {
        settings.put(a.getType(), value);
      }
    }
    return PaddockContext.open(settings);
  }
}
