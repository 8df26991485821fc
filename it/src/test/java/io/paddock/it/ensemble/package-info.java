/**
 * Replicated ensembles of real server processes on loopback (Apache ZooKeeper 3.9.5 and Paddock):
 * replication, leader failover, quorum loss, observers, sessions moving between members, and
 * Curator failing over. The same contract runs against both implementations.
 */
package io.paddock.it.ensemble;
