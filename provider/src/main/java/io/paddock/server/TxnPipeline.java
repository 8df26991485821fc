package io.paddock.server;

/**
 * Where stamped transactions go between ordering and apply: to the durable log (and, in an
 * ensemble, to a quorum) and back as committed, in zxid order. The standalone server uses {@link
 * DurableLogPipeline}; replication will add a quorum pipeline without touching the processor.
 */
interface TxnPipeline extends AutoCloseable {
  /** Takes a transaction; {@code committed} is called once it may be applied. */
  void submit(RequestProcessor.PendingWrite write);

  @Override
  void close();
}
