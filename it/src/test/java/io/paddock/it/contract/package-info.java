/**
 * The contract suite: every check written once in an abstract {@code ...Contract} class and run
 * against each server implementation by a concrete {@code ...ZooKeeperIT} / {@code ...PaddockIT}
 * subclass. ZooKeeper 3.9.5 is the oracle: a check that passes there must pass on Paddock.
 *
 * <p>Allowed dependencies: {@code io.paddock.it.harness}, the official ZooKeeper client, Curator,
 * JUnit 5, AssertJ, Awaitility. Never Paddock's own classes: the suite sees servers only through
 * the wire, like any application.
 */
package io.paddock.it.contract;
