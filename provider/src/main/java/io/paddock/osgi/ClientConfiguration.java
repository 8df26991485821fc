package io.paddock.osgi;

import io.paddock.api.ClientConfig;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The configuration of PID {@code io.paddock.client}: what {@link ClientConfig} takes. */
@ObjectClassDefinition(
    id = ClientComponent.PID,
    name = "Paddock client",
    description =
        "A session with a Paddock or ZooKeeper ensemble, published as a PaddockClient service.")
public @interface ClientConfiguration {

  @AttributeDefinition(
      name = "connectString",
      description = "host:port[,host:port...][/chroot] of the ensemble.")
  String connectString();

  @AttributeDefinition(
      name = "sessionTimeoutMs",
      description = "The requested session timeout; the server fits it into its bounds.",
      min = "1")
  int sessionTimeoutMs() default ClientConfig.DEFAULT_SESSION_TIMEOUT_MS;

  @AttributeDefinition(
      name = "connectTimeoutMs",
      description = "How long one connection attempt may take; 0 means the client's default.",
      min = "0")
  int connectTimeoutMs() default 0;

  @AttributeDefinition(
      name = "requestTimeoutMs",
      description = "How long a request may wait for its answer; 0 means no limit of its own.",
      min = "0")
  int requestTimeoutMs() default 0;

  @AttributeDefinition(
      name = "canBeReadOnly",
      description = "Whether a read-only server is acceptable when no quorum is reachable.")
  boolean canBeReadOnly() default false;
}
