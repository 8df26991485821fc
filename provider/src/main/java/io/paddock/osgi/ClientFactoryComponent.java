package io.paddock.osgi;

import io.paddock.api.ClientConfig;
import io.paddock.api.PaddockClient;
import io.paddock.api.PaddockClientFactory;
import io.paddock.client.DefaultClientFactory;
import org.osgi.service.component.annotations.Component;

/**
 * Publishes Paddock's {@link PaddockClientFactory} as a service: in OSGi, {@code
 * PaddockClients.connect} cannot see the implementation ({@link java.util.ServiceLoader} does not
 * cross bundles), so bundles that manage their own clients get the factory from the registry.
 * Clients it creates belong to the caller, who closes them.
 */
@Component(service = PaddockClientFactory.class)
public final class ClientFactoryComponent implements PaddockClientFactory {
  private final PaddockClientFactory delegate = new DefaultClientFactory();

  @Override
  public PaddockClient connect(ClientConfig config) {
    return delegate.connect(config);
  }
}
