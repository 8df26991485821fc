package io.paddock.api;

/**
 * The result of a create.
 *
 * @param path the actual path (with the sequence suffix, for sequential modes)
 * @param stat the new node's stat
 */
public record Created(String path, Stat stat) {}
