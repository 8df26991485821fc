package io.paddock.naming;

import io.paddock.api.PaddockException;
import javax.naming.CommunicationException;
import javax.naming.ContextNotEmptyException;
import javax.naming.InterruptedNamingException;
import javax.naming.InvalidNameException;
import javax.naming.Name;
import javax.naming.NameAlreadyBoundException;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;
import javax.naming.NoPermissionException;
import javax.naming.NotContextException;
import javax.naming.ServiceUnavailableException;

/** Turns client failures into the {@link NamingException} a JNDI caller expects. */
final class Failures {
  private Failures() {}

  static NamingException of(PaddockException e, Name name) {
    NamingException n =
        switch (e.code()) {
          case NO_NODE -> new NameNotFoundException(name + " is not bound");
          case NODE_EXISTS -> new NameAlreadyBoundException(name + " is already bound");
          case NOT_EMPTY -> new ContextNotEmptyException(name + " is a context that is not empty");
          case NO_CHILDREN_FOR_EPHEMERALS ->
              new NotContextException("the parent of " + name + " is an ephemeral binding");
          case NO_AUTH, AUTH_FAILED -> new NoPermissionException("not allowed: " + name);
          case BAD_ARGUMENTS -> new InvalidNameException(name + ": " + e.getMessage());
          case CONNECTION_LOSS, OPERATION_TIMEOUT, REQUEST_TIMEOUT ->
              new CommunicationException("the ensemble did not answer for " + name);
          case SESSION_EXPIRED ->
              new ServiceUnavailableException("the naming session ended (closed or expired)");
          default -> new NamingException(e.getMessage() + " (" + name + ")");
        };
    n.setRootCause(e);
    return n;
  }

  static InterruptedNamingException interrupted(Name name, InterruptedException e) {
    InterruptedNamingException n = new InterruptedNamingException("interrupted: " + name);
    n.setRootCause(e);
    return n;
  }
}
