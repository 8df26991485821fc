package io.paddock.server;

import java.util.function.Consumer;

/**
 * A pipeline that commits every transaction as soon as it is submitted: the standalone server
 * before the durable log exists, and tests. It keeps zxid order because submission happens on the
 * processor thread in zxid order and the commit goes back through the processor's task queue.
 */
final class ImmediateCommitPipeline implements TxnPipeline {
  private final Consumer<RequestProcessor.PendingWrite> committed;

  ImmediateCommitPipeline(Consumer<RequestProcessor.PendingWrite> committed) {
    this.committed = committed;
  }

  @Override
  public void submit(RequestProcessor.PendingWrite write) {
    committed.accept(write);
  }

  @Override
  public void close() {}
}
