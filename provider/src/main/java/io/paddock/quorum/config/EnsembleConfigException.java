package io.paddock.quorum.config;

import java.util.List;

/** The ensemble configuration is invalid; {@link #errors()} lists every problem found. */
public final class EnsembleConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  private final List<String> errors;

  public EnsembleConfigException(List<String> errors) {
    super(String.join("\n", errors));
    this.errors = List.copyOf(errors);
  }

  public List<String> errors() {
    return errors;
  }
}
