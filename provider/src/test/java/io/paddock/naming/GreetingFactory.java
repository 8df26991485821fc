package io.paddock.naming;

import java.util.Hashtable;
import javax.naming.Context;
import javax.naming.Name;
import javax.naming.Reference;
import javax.naming.spi.ObjectFactory;

/** A test {@link ObjectFactory}: turns a reference with a "who" address into a greeting. */
public final class GreetingFactory implements ObjectFactory {
  public GreetingFactory() {}

  @Override
  public Object getObjectInstance(Object obj, Name name, Context nameCtx, Hashtable<?, ?> env) {
    if (obj instanceof Reference ref && ref.get("who") != null) {
      return "hello, " + ref.get("who").getContent();
    }
    return null;
  }
}
