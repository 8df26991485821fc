package io.paddock.api.recipes;

/**
 * A {@link Lease} was no longer held when a write guarded by it reached the ensemble, so the write
 * was not applied.
 */
public final class LeaseLostException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String leasePath;

  /**
   * Creates the exception.
   *
   * @param leasePath the lease node that was found missing
   * @param cause the ensemble's answer, if there was one (may be null)
   */
  public LeaseLostException(String leasePath, Throwable cause) {
    super("lease " + leasePath + " is no longer held", cause);
    this.leasePath = leasePath;
  }

  /** The lease node that was found missing. */
  public String leasePath() {
    return leasePath;
  }
}
