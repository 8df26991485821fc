package io.paddock.tree;

import io.paddock.api.EventType;

/**
 * One change to report to the watch table: a node created, deleted or changed, or a parent whose
 * children changed.
 */
public record TreeChange(String path, EventType type) {}
