package io.paddock.log;

import java.io.IOException;

/**
 * A file whose bytes fail their checks (magic, checksum, lengths, structure). Recovery decides what
 * that means: a torn log tail is cut off, a damaged snapshot is skipped for an older one, damage
 * anywhere else stops the start with a {@link StorageException}.
 */
public class CorruptFileException extends IOException {
  private static final long serialVersionUID = 1L;

  public CorruptFileException(String message) {
    super(message);
  }

  public CorruptFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
