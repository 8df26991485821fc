package io.paddock.quorum.config;

/** Whether a server votes ({@code participant}) or only learns ({@code observer}). */
public enum PeerType {
  PARTICIPANT,
  OBSERVER;

  /** The zoo.cfg spelling. */
  public String configName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
