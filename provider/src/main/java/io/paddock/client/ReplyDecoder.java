package io.paddock.client;

import io.paddock.api.PaddockException;
import io.paddock.wire.ReplyHeader;
import io.paddock.wire.Response;

/**
 * Turns one reply into the API result of a call, or its failure. Runs on the I/O thread, so it may
 * update client-side state that must change in wire order (watch removal), but must not block.
 */
@FunctionalInterface
interface ReplyDecoder<T> {
  T decode(ReplyHeader header, Response body) throws PaddockException;
}
