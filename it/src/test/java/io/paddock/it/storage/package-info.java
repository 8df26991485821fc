/**
 * Paddock's durable storage on a real file system that fails the way disks do: a small tmpfs that
 * fills up ({@link io.paddock.it.harness.SmallDisk}) under a real server process. The provider's
 * unit tests inject such faults through the {@code Disk} seam; these check that the kernel's own
 * ENOSPC, arriving in whatever call it arrives, gets the same answers.
 *
 * <p>Paddock only: what is checked is Paddock's documented behaviour on a failing disk (refuse
 * writes with CONNECTION_LOSS, keep serving reads, resume in place). ZooKeeper 3.9.5 does not share
 * it: on the same small disk its SyncThread dies of the ENOSPC ("Severe unrecoverable error") and
 * the standalone server shuts down, so reads fail too and nothing resumes when space comes back.
 *
 * <p>Allowed dependencies: {@code io.paddock.it.harness}, the contract suite's {@code
 * ServerLogOnFailure}, the official ZooKeeper client, JUnit 5, AssertJ, Awaitility. Never Paddock's
 * classes: a test sees the server through the wire, and its data directory only as file names and
 * sizes.
 */
package io.paddock.it.storage;
