package io.paddock.log;

import java.io.IOException;

/**
 * Storage that the server must not start on: recovery would need data that is missing or damaged,
 * files are in a format this version does not know, or the directory is in use. The message says
 * which file and what to do; the server refuses to start rather than serve a wrong state.
 */
public class StorageException extends IOException {
  private static final long serialVersionUID = 1L;

  public StorageException(String message) {
    super(message);
  }

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
