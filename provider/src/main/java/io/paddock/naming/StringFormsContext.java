package io.paddock.naming;

import javax.naming.Binding;
import javax.naming.Context;
import javax.naming.NameClassPair;
import javax.naming.NameParser;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;

/**
 * The {@link String} forms of {@link Context}'s operations: parse, then call the {@code Name} form.
 */
// BanJNDI: this is a JNDI provider; the calls are to its own contexts, which deserialize only
// through the serialFilter allow-list (NamingSettings).
@SuppressWarnings("BanJNDI")
abstract class StringFormsContext implements Context {
  /** The parser for this context's names. */
  abstract NameParser parser();

  @Override
  public Object lookup(String name) throws NamingException {
    return lookup(parser().parse(name));
  }

  @Override
  public void bind(String name, Object obj) throws NamingException {
    bind(parser().parse(name), obj);
  }

  @Override
  public void rebind(String name, Object obj) throws NamingException {
    rebind(parser().parse(name), obj);
  }

  @Override
  public void unbind(String name) throws NamingException {
    unbind(parser().parse(name));
  }

  @Override
  public void rename(String oldName, String newName) throws NamingException {
    rename(parser().parse(oldName), parser().parse(newName));
  }

  @Override
  public NamingEnumeration<NameClassPair> list(String name) throws NamingException {
    return list(parser().parse(name));
  }

  @Override
  public NamingEnumeration<Binding> listBindings(String name) throws NamingException {
    return listBindings(parser().parse(name));
  }

  @Override
  public void destroySubcontext(String name) throws NamingException {
    destroySubcontext(parser().parse(name));
  }

  @Override
  public Context createSubcontext(String name) throws NamingException {
    return createSubcontext(parser().parse(name));
  }

  @Override
  public Object lookupLink(String name) throws NamingException {
    return lookupLink(parser().parse(name));
  }

  @Override
  public NameParser getNameParser(String name) throws NamingException {
    return getNameParser(parser().parse(name));
  }
}
