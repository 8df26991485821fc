package io.paddock.bundles;

import java.util.Map;
import org.osgi.framework.Bundle;

/** Config Admin in a {@link Felix}, driven through its service, as a console would. */
final class ConfigAdmin {
  private static final String ADMIN = "org.osgi.service.cm.ConfigurationAdmin";
  private static final String CONFIGURATION = "org.osgi.service.cm.Configuration";

  private final Object admin;
  private final Bundle cm;

  ConfigAdmin(Felix felix) {
    var ref = felix.awaitService(ADMIN, null);
    this.admin = felix.get(ref);
    this.cm = ref.getBundle();
  }

  /** Creates or replaces the configuration of {@code pid} (bound to no bundle in particular). */
  void update(String pid, Map<String, ?> properties) throws Exception {
    Object config = Reflect.call(cm, ADMIN, admin, "getConfiguration", pid, "?");
    Reflect.call(cm, CONFIGURATION, config, "update", Reflect.dictionary(properties));
  }

  /** Creates a named factory configuration ({@code factoryPid~name}) and sets it. */
  void updateFactory(String factoryPid, String name, Map<String, ?> properties) throws Exception {
    Object config =
        Reflect.call(cm, ADMIN, admin, "getFactoryConfiguration", factoryPid, name, "?");
    Reflect.call(cm, CONFIGURATION, config, "update", Reflect.dictionary(properties));
  }

  /** Deletes the configuration of {@code pid}. */
  void delete(String pid) throws Exception {
    Object config = Reflect.call(cm, ADMIN, admin, "getConfiguration", pid, "?");
    Reflect.call(cm, CONFIGURATION, config, "delete");
  }
}
