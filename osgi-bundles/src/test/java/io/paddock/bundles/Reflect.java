package io.paddock.bundles;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Dictionary;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * Calls into a framework through interfaces loaded from its bundles. The test's class path has no
 * Paddock or Config Admin classes of its own on purpose: sharing them with the framework would mean
 * exporting them from the system bundle, which changes what the bundles wire to, i.e. what is being
 * tested.
 */
final class Reflect {
  private Reflect() {}

  /** Calls {@code iface.name(args)} on {@code target}; the interface comes from {@code via}. */
  static Object call(Bundle via, String iface, Object target, String name, Object... args)
      throws Exception {
    Class<?> type = via.loadClass(iface);
    for (Method m : type.getMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == args.length && accepts(m, args)) {
        try {
          return m.invoke(target, args);
        } catch (InvocationTargetException e) {
          if (e.getCause() instanceof Exception cause) {
            throw cause;
          }
          throw e;
        }
      }
    }
    throw new NoSuchMethodException(iface + "." + name + " with " + args.length + " arguments");
  }

  private static boolean accepts(Method m, Object[] args) {
    Class<?>[] types = m.getParameterTypes();
    for (int i = 0; i < types.length; i++) {
      if (args[i] != null && !box(types[i]).isInstance(args[i])) {
        return false;
      }
    }
    return true;
  }

  private static Class<?> box(Class<?> c) {
    if (!c.isPrimitive()) {
      return c;
    }
    return c == int.class
        ? Integer.class
        : c == long.class ? Long.class : c == boolean.class ? Boolean.class : c;
  }

  /** A static field of a class loaded through {@code via}. */
  static Object constant(Bundle via, String className, String field) throws Exception {
    return via.loadClass(className).getField(field).get(null);
  }

  /** An enum constant of a class loaded through {@code via}. */
  static Object enumValue(Bundle via, String className, String name) throws Exception {
    Class<?> type = via.loadClass(className);
    for (Object c : type.getEnumConstants()) {
      if (((Enum<?>) c).name().equals(name)) {
        return c;
      }
    }
    throw new IllegalArgumentException(className + " has no " + name);
  }

  static Dictionary<String, ?> dictionary(Map<String, ?> map) {
    return FrameworkUtil.asDictionary(Map.copyOf(map));
  }
}
