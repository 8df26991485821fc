package io.paddock.admin;

/** The server did not answer an admin request in time (stopping, or overloaded). */
public final class AdminUnavailableException extends Exception {
  private static final long serialVersionUID = 1L;

  public AdminUnavailableException(String message) {
    super(message);
  }
}
