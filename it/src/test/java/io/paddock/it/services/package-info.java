/**
 * The container services (lock service and the other recipes) run against real server processes:
 * Apache ZooKeeper 3.9.5 as the oracle and Paddock, each through Paddock's own client, like an
 * application would. Written once per contract, run by a {@code ...ZooKeeperIT} and a {@code
 * ...PaddockIT} subclass.
 *
 * <p>Allowed dependencies: {@code io.paddock.it.harness}, {@code io.paddock.api} (with the provider
 * on the class path), the official ZooKeeper client (only to end a session from outside), JUnit 5,
 * AssertJ, Awaitility.
 */
package io.paddock.it.services;
