/**
 * The contract suite for Paddock's own client ({@code io.paddock.api.PaddockClient}), written once
 * and run against both Apache ZooKeeper 3.9.5 and Paddock: the third client of the suite, next to
 * the official ZooKeeper client and Curator.
 */
package io.paddock.it.client;
